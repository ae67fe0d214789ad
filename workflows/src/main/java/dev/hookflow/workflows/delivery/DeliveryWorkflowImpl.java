package dev.hookflow.workflows.delivery;

import dev.hookflow.workflows.policy.FailureTypes;
import dev.hookflow.workflows.policy.Policy;
import dev.hookflow.workflows.policy.RetrySchedule;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** See {@link DeliveryWorkflow}. */
public class DeliveryWorkflowImpl implements DeliveryWorkflow {

  @Override
  public AttemptOutcome deliver(DeliveryInput input) {
    Relayed relayed = input.relayed();
    return relayed == null ? onSchedule(input) : onPolicy(input, relayed);
  }

  private static AttemptOutcome onSchedule(DeliveryInput input) {
    RetrySchedule schedule = RetrySchedule.of(input.schedule());
    Duration first = schedule.delayBefore(0);
    if (!first.isZero()) {
      Workflow.sleep(first);
    }
    DeliveryActivities activities =
        Workflow.newActivityStub(
            DeliveryActivities.class,
            ActivityOptions.newBuilder()
                // The request timeout plus time to sign and record.
                .setStartToCloseTimeout(Duration.ofSeconds(input.attemptTimeoutSeconds() + 30))
                .setSummary(
                    (input.manual() ? "Resend " : "Deliver ")
                        + input.msgId()
                        + " to "
                        + input.endpointId())
                .setRetryOptions(
                    // Each failed attempt sets its own next delay from the schedule; these
                    // intervals only pace retries of an attempt that sent nothing (a worker lost
                    // mid-attempt), which do not count against the schedule.
                    RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setBackoffCoefficient(2.0)
                        .setMaximumInterval(Duration.ofMinutes(5))
                        .setDoNotRetry(DeliveryFailures.FINAL.toArray(String[]::new))
                        .build())
                .build());
    Workflow.setCurrentDetails(
        (input.manual() ? "Resend" : "Delivery") + " on the schedule " + schedule);
    return activities.attempt(input);
  }

  /**
   * A relay route's delivery: Temporal's backoff on the destination's policy. The activity counts
   * attempt rows against the policy's attempt limit, so here too a retry that sent nothing is free.
   */
  private static AttemptOutcome onPolicy(DeliveryInput input, Relayed relayed) {
    Policy policy = relayed.policy();
    List<String> stop = new ArrayList<>(policy.nonRetryable());
    stop.addAll(DeliveryFailures.FINAL);
    stop.add(FailureTypes.DOWNSTREAM_REJECTED);
    DeliveryActivities activities =
        Workflow.newActivityStub(
            DeliveryActivities.class,
            policy.activityOptions().toBuilder()
                // The request timeout plus time to sign and record, whatever the policy says.
                .setStartToCloseTimeout(Duration.ofSeconds(input.attemptTimeoutSeconds() + 30))
                .setRetryOptions(
                    RetryOptions.newBuilder(policy.retryOptions())
                        // The activity ends the delivery at the policy's attempt limit itself.
                        .setMaximumAttempts(0)
                        .setDoNotRetry(stop.toArray(String[]::new))
                        .build())
                .setSummary(
                    "Relay "
                        + relayed.source()
                        + " "
                        + relayed.eventType()
                        + " to "
                        + relayed.destination()
                        + " ("
                        + policy.name()
                        + ")")
                .build());
    Workflow.setCurrentDetails(
        "Relay to " + relayed.destination() + " on the policy " + policy.name());
    return activities.attempt(input);
  }
}
