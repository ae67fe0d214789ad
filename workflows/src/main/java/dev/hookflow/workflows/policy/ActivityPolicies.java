package dev.hookflow.workflows.policy;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Named activity policies. Workflows refer to a policy by name and never carry retry numbers of
 * their own.
 */
public final class ActivityPolicies {

  /**
   * Recording an event in the hub's own process: short attempts, retried with backoff up to a
   * minute between attempts, never given up on.
   */
  public static final ActivityOptions LOCAL_RECORD =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .build())
          .build();

  private ActivityPolicies() {}
}
