package dev.hookflow.hub.events;

import dev.hookflow.hub.error.ProblemCode;
import dev.hookflow.hub.error.ProblemException;
import dev.hookflow.hub.route.Delivery;
import dev.hookflow.hub.route.WorkflowDispatcher;
import dev.hookflow.hub.temporal.GrpcStatus;
import dev.hookflow.workflows.event.SearchAttributeNames;
import io.grpc.Status;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.util.List;
import java.util.Optional;

/**
 * Finds an event's workflows through Temporal visibility: {@code WebhookSource} and {@code
 * WebhookEventId} are set on every workflow the hub starts. Shared by every hub process; sees
 * started workflows, not signals into workflows started by another event.
 */
public final class VisibilityEventIndex implements EventIndex {
  private final WorkflowClient client;

  public VisibilityEventIndex(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public void record(EventRecord record) {}

  @Override
  public Optional<EventRecord> find(String source, String eventId) {
    String query =
        SearchAttributeNames.SOURCE
            + " = "
            + quote(source)
            + " AND "
            + SearchAttributeNames.EVENT_ID
            + " = "
            + quote(eventId);
    List<WorkflowExecutionMetadata> found;
    try {
      found = client.listExecutions(query).limit(100).toList();
    } catch (RuntimeException e) {
      if (GrpcStatus.is(e, Status.Code.UNIMPLEMENTED)) {
        throw new ProblemException(
            ProblemCode.NOT_IMPLEMENTED,
            "This Temporal has no visibility queries; run a Temporal server"
                + " (./hub dev-server) or set hookflow.events.index=memory");
      }
      throw e;
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    String type =
        found
            .get(0)
            .getTypedSearchAttributes()
            .get(io.temporal.common.SearchAttributeKey.forKeyword(SearchAttributeNames.EVENT_TYPE));
    // A replayed delivery has several runs under one workflow id; visibility lists newest first.
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<Delivery> deliveries =
        found.stream()
            .filter(w -> seen.add(w.getExecution().getWorkflowId()))
            .map(
                w ->
                    new Delivery(
                        String.valueOf(w.getMemo("route", String.class)),
                        w.getExecution().getWorkflowId(),
                        w.getExecution().getRunId(),
                        outcome(w)))
            .toList();
    return Optional.of(new EventRecord(source, eventId, type, deliveries));
  }

  /**
   * What the event did to a run: a replay, else what the starting hub wrote in the memo (runs
   * started before that memo existed count as started).
   */
  private static Delivery.Outcome outcome(WorkflowExecutionMetadata run) {
    if (run.getMemo("replayOf", String.class) != null) {
      return Delivery.Outcome.REPLAYED;
    }
    Object how = run.getMemo(WorkflowDispatcher.MEMO_DELIVERY, String.class);
    if (how != null) {
      for (Delivery.Outcome outcome : Delivery.Outcome.values()) {
        if (outcome.wire().equals(how)) {
          return outcome;
        }
      }
    }
    return Delivery.Outcome.STARTED;
  }

  /** A string literal for a visibility query. */
  static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
