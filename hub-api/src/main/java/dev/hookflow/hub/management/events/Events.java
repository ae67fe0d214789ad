package dev.hookflow.hub.management.events;

import dev.hookflow.hub.inbound.dispatch.Delivery;
import dev.hookflow.hub.inbound.events.EventIndex;
import dev.hookflow.hub.inbound.events.EventRecord;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import jakarta.inject.Singleton;

/** Finds an event's deliveries and reads each one's workflow state. */
@Singleton
public class Events {

  /**
   * One delivery and the current status of its workflow run in Temporal; {@code failure} says why a
   * run failed, timed out, was terminated or canceled (null otherwise).
   */
  public record DeliveryStatus(
      String route,
      String workflowId,
      String runId,
      Delivery.Outcome outcome,
      String status,
      String failure) {}

  private final EventIndex index;
  private final WorkflowRuns runs;

  public Events(EventIndex index, WorkflowRuns runs) {
    this.index = index;
    this.runs = runs;
  }

  /**
   * @throws ProblemException {@code event_not_found}
   */
  public EventRecord find(String source, String eventId) {
    return index
        .find(source, eventId)
        .orElseThrow(
            () ->
                new ProblemException(
                    ProblemCode.EVENT_NOT_FOUND,
                    "No event " + eventId + " from source " + source + " is known"));
  }

  /** Remembers what a replay did, where the index keeps such things. */
  public void record(EventRecord record) {
    index.record(record);
  }

  public DeliveryStatus withState(Delivery d) {
    WorkflowRuns.RunState state = runs.state(d.workflowId(), d.runId());
    return new DeliveryStatus(
        d.route(), d.workflowId(), d.runId(), d.outcome(), state.status(), state.failure());
  }
}
