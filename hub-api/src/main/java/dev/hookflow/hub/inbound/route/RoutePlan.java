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

  /** One route and the workflow id it rendered for the event. */
  public record Step(Route route, String workflowId) {}
}
