package dev.hookflow.hub.management.events;

import dev.hookflow.hub.inbound.dispatch.Delivery;
import dev.hookflow.hub.inbound.dispatch.RunOptions;
import dev.hookflow.hub.inbound.events.EventIndex;
import dev.hookflow.hub.inbound.events.EventRecord;
import dev.hookflow.hub.inbound.events.MemoryEventIndex;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import dev.hookflow.hub.platform.temporal.GrpcStatus;
import dev.hookflow.workflows.event.SearchAttributeNames;
import io.grpc.Status;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.util.List;
import java.util.Optional;

/**
 * Finds an event's workflows through Temporal visibility: {@code WebhookSource} and {@code
 * WebhookEventId} are set on every workflow the hub starts, so every hub process sees them. A
 * signal into a run that another event started leaves nothing of this event in visibility; those
 * deliveries, and events no route took (ignored), are kept in this process's memory (bounded) and
 * added to what visibility finds.
 */
public final class VisibilityEventIndex implements EventIndex {
  private final WorkflowClient client;
  private final MemoryEventIndex signals;

  public VisibilityEventIndex(WorkflowClient client, int signalCapacity) {
    this.client = client;
    this.signals = new MemoryEventIndex(signalCapacity);
  }

  @Override
  public void record(EventRecord record) {
    // Signals, ignored events and a publish no endpoint took leave nothing of their own in
    // visibility.
    List<Delivery> signaled =
        record.deliveries().stream()
            .filter(d -> d.outcome() == Delivery.Outcome.SIGNALED || d.workflowId() == null)
            .toList();
    if (!signaled.isEmpty() || record.deliveries().isEmpty()) {
      signals.record(new EventRecord(record.source(), record.eventId(), record.type(), signaled));
    }
  }

  @Override
  public Optional<EventRecord> find(String source, String eventId) {
    String query = VisibilityQuery.forEvent(source, eventId);
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
    Optional<EventRecord> signaled = signals.find(source, eventId);
    if (found.isEmpty()) {
      return signaled;
    }
    String type =
        found
            .get(0)
            .getTypedSearchAttributes()
            .get(io.temporal.common.SearchAttributeKey.forKeyword(SearchAttributeNames.EVENT_TYPE));
    // A replayed delivery has several runs under one workflow id; visibility lists newest first.
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<Delivery> deliveries =
        new java.util.ArrayList<>(
            found.stream()
                .filter(w -> seen.add(w.getExecution().getWorkflowId()))
                .map(
                    w ->
                        new Delivery(
                            String.valueOf(
                                w.getMemo(
                                    dev.hookflow.workflows.event.MemoKeys.ROUTE, String.class)),
                            w.getExecution().getWorkflowId(),
                            w.getExecution().getRunId(),
                            outcome(w)))
                .toList());
    signaled.stream()
        .flatMap(r -> r.deliveries().stream())
        .filter(d -> seen.add(d.workflowId()))
        .forEach(deliveries::add);
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
    Object how = run.getMemo(RunOptions.MEMO_DELIVERY, String.class);
    if (how != null) {
      for (Delivery.Outcome outcome : Delivery.Outcome.values()) {
        if (outcome.wire().equals(how)) {
          return outcome;
        }
      }
    }
    return Delivery.Outcome.STARTED;
  }
}
