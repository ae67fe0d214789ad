package dev.hookflow.workflows.delivery;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** One delivery attempt: sign, POST, record. */
@ActivityInterface
public interface DeliveryActivities {
  /**
   * Sends the message to the endpoint once and records the attempt. A failure that the schedule
   * allows to retry is thrown with the schedule's next delay; the last one, and any answer that
   * ends the delivery ({@code 410 Gone}, a deleted or disabled endpoint), is thrown as
   * non-retryable with one of the {@link DeliveryFailures} types.
   */
  @ActivityMethod(name = "DeliverAttempt")
  AttemptOutcome attempt(DeliveryInput input);
}
