package dev.hookflow.workflows.relay;

import dev.hookflow.workflows.policy.FailureTypes;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/** See {@link RelayWorkflow}. */
public class RelayWorkflowImpl implements RelayWorkflow {

  @Override
  public RelayResult relay(RelayInput input) {
    List<RelayTarget> targets = input.pending();
    if (targets.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Route " + input.event().route() + " has no relay destinations",
          FailureTypes.INVALID_EVENT);
    }
    Workflow.setCurrentDetails(
        "Relaying "
            + input.event().key()
            + " to "
            + targets.size()
            + " destination(s)"
            + (input.delivered().isEmpty()
                ? ""
                : " (already delivered: " + String.join(", ", input.delivered()) + ")"));
    List<Promise<DeliveryReceipt>> pending = new ArrayList<>();
    for (RelayTarget target : targets) {
      ActivityOptions options =
          target.policy().activityOptions().toBuilder()
              .setSummary("POST relay " + target.name() + " (" + target.policy().name() + ")")
              .build();
      RelayActivities activities = Workflow.newActivityStub(RelayActivities.class, options);
      pending.add(
          Async.function(
              activities::deliver,
              new RelayDelivery(input.event().route(), target.name(), input.event())));
    }
    List<DeliveryReceipt> receipts = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      String name = targets.get(i).name();
      try {
        receipts.add(pending.get(i).get());
      } catch (ActivityFailure e) {
        failed.add(name + ": " + FailureTypes.reasonOf(e));
      }
    }
    if (!failed.isEmpty()) {
      // Dead letters, one per destination that will not get the event (replay sends it later).
      Workflow.getMetricsScope().counter("hookflow_dead_letters").inc(failed.size());
      String reason =
          "Relay of "
              + input.event().key()
              + " failed for "
              + failed.size()
              + " of "
              + pending.size()
              + " destination(s): "
              + String.join("; ", failed);
      Workflow.setCurrentDetails("Dead letter: " + reason);
      throw ApplicationFailure.newNonRetryableFailure(reason, FailureTypes.RELAY_FAILED);
    }
    Workflow.setCurrentDetails("Delivered to " + receipts.size() + " destination(s)");
    return new RelayResult(receipts);
  }
}
