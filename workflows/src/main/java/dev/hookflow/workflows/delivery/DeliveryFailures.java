package dev.hookflow.workflows.delivery;

import java.util.List;

/** Failure types that end a delivery (never retried by Temporal). */
public final class DeliveryFailures {
  /** Every attempt of the schedule failed: a dead letter ({@code status=fail}). */
  public static final String EXHAUSTED = "DeliveryExhausted";

  /** The endpoint answered 410 Gone. */
  public static final String GONE = "DeliveryGone";

  /** The endpoint or the message no longer exists, or the endpoint is disabled. */
  public static final String CANCELED = "DeliveryCanceled";

  /** An attempt that failed and will be retried on the schedule. */
  public static final String ATTEMPT_FAILED = "DeliveryAttemptFailed";

  public static final List<String> FINAL = List.of(EXHAUSTED, GONE, CANCELED);

  private DeliveryFailures() {}
}
