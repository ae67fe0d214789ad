package dev.hookflow.hub.management.replay;

import dev.hookflow.hub.inbound.dispatch.Delivery;
import dev.hookflow.hub.inbound.events.EventRecord;
import dev.hookflow.hub.management.events.Events;
import dev.hookflow.hub.management.events.WorkflowRuns;
import dev.hookflow.hub.platform.config.HookflowConfig;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts an event's deliveries again: each delivery that started a workflow gets a new run under
 * the same workflow id, with the same input, and the reason in its memo ({@code replayReason},
 * {@code replayOf}) and summary; an event recorded because its start route's id was held starts
 * there. Deliveries that signaled a workflow are left alone ({@code not_replayable}): that workflow
 * belongs to other events too. Refused with {@code replay_conflict} (409) while any delivery of the
 * event is running; nothing is started then.
 */
@Singleton
public class Replays {

  /** What a replay did, delivery by delivery. */
  public record ReplayView(
      String source, String eventId, String reason, List<Events.DeliveryStatus> deliveries) {}

  private final Events events;
  private final WorkflowRuns runs;
  private final RunReplayer replayer;
  private final int retryAfterSeconds;

  public Replays(Events events, WorkflowRuns runs, RunReplayer replayer, HookflowConfig hub) {
    this.events = events;
    this.runs = runs;
    this.replayer = replayer;
    this.retryAfterSeconds = hub.getRetryAfterSeconds();
  }

  /**
   * @param reason recorded with the new runs; default "replay requested", at most 200 characters
   */
  public ReplayView replay(String source, String eventId, String reason) {
    String why = reason == null || reason.isBlank() ? "replay requested" : reason.strip();
    if (why.length() > 200) {
      throw new ProblemException(ProblemCode.BAD_REQUEST, "reason is limited to 200 characters");
    }
    EventRecord record = events.find(source, eventId);
    for (Delivery delivery : record.deliveries()) {
      if (replayable(delivery)) {
        refuseWhileRunning(delivery);
      }
    }
    List<Delivery> replayed = new ArrayList<>();
    for (Delivery delivery : record.deliveries()) {
      if (!replayable(delivery)) {
        replayed.add(
            new Delivery(
                delivery.route(),
                delivery.workflowId(),
                delivery.runId(),
                Delivery.Outcome.NOT_REPLAYABLE));
        continue;
      }
      RunReplayer.Replayed run = replayer.replay(delivery.workflowId(), delivery.runId(), why);
      replayed.add(
          new Delivery(delivery.route(), run.workflowId(), run.runId(), Delivery.Outcome.REPLAYED));
    }
    events.record(new EventRecord(record.source(), record.eventId(), record.type(), replayed));
    return new ReplayView(
        record.source(), record.eventId(), why, replayed.stream().map(events::withState).toList());
  }

  private void refuseWhileRunning(Delivery delivery) {
    String target =
        delivery.outcome() == Delivery.Outcome.RECORDED
            ? replayer.replayTarget(delivery.workflowId(), delivery.runId())
            : delivery.workflowId();
    if (runs.state(delivery.workflowId(), null).running()
        || !target.equals(delivery.workflowId()) && runs.state(target, null).running()) {
      throw new ProblemException(
          ProblemCode.REPLAY_CONFLICT,
          "Delivery "
              + delivery.route()
              + " (workflow "
              + target
              + ") is still running; replay once it has closed",
          retryAfterSeconds,
          null);
    }
  }

  private static boolean replayable(Delivery delivery) {
    // A published message is resent per endpoint through /api/v1 (resend), not re-dispatched.
    return delivery.outcome() != Delivery.Outcome.SIGNALED
        && delivery.outcome() != Delivery.Outcome.PUBLISHED
        && delivery.outcome() != Delivery.Outcome.NOT_REPLAYABLE;
  }
}
