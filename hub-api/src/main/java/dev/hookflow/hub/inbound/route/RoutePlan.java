package dev.hookflow.hub.inbound.route;

import java.util.List;

/**
 * What the routes make of one event: one step per matching route (fan-out), each with the workflow
 * id its template rendered. Empty when no route takes the event.
 */
public record RoutePlan(List<Step> steps) {
  public RoutePlan {
    steps = List.copyOf(steps);
  }

  /**
   * One route and the workflow id it rendered for the event; for a publish route the message it
   * made instead (and no workflow id: the dispatch is named after the stored message).
   */
  public record Step(Route route, String workflowId, Message message) {
    public Step(Route route, String workflowId) {
      this(route, workflowId, null);
    }
  }

  /** A publish route's message: its event type, event id and payload (JSON object text). */
  public record Message(String eventType, String eventId, String payload) {}
}
