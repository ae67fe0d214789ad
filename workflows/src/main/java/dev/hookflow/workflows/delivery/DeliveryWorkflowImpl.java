package dev.hookflow.workflows.delivery;

import dev.hookflow.workflows.policy.RetrySchedule;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** See {@link DeliveryWorkflow}. */
public class DeliveryWorkflowImpl implements DeliveryWorkflow {

  @Override
  public AttemptOutcome deliver(DeliveryInput input) {
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
}
