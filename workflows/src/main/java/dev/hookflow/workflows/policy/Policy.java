package dev.hookflow.workflows.policy;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.List;

/**
 * A named retry and timeout policy for activities: the one place retry numbers live.
 *
 * <p>The worker turns the policy bound to each activity type into that type's {@link
 * ActivityOptions}, so workflow code carries no numbers and an operator changes a policy in
 * configuration. Relay destinations carry their policy in the workflow input, where the Temporal UI
 * shows it.
 *
 * @param name the policy's name, as in {@code hookflow.policies.<name>}
 * @param initialInterval delay before the first retry
 * @param backoffCoefficient factor applied to the delay after each retry
 * @param maximumInterval the longest delay between attempts; also caps a downstream's {@code
 *     Retry-After}
 * @param maximumAttempts attempts including the first; 0 means unlimited (bounded by {@code
 *     scheduleToCloseTimeout})
 * @param startToCloseTimeout the longest one attempt may take
 * @param scheduleToCloseTimeout the longest all attempts together may take; zero means unbounded
 * @param nonRetryable failure types that end the activity at once
 */
public record Policy(
    String name,
    Duration initialInterval,
    double backoffCoefficient,
    Duration maximumInterval,
    int maximumAttempts,
    Duration startToCloseTimeout,
    Duration scheduleToCloseTimeout,
    List<String> nonRetryable) {

  public Policy {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a policy needs a name");
    }
    positive(name, "initial-interval", initialInterval);
    positive(name, "maximum-interval", maximumInterval);
    positive(name, "start-to-close-timeout", startToCloseTimeout);
    if (scheduleToCloseTimeout == null || scheduleToCloseTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "policy " + name + ": schedule-to-close-timeout must be zero (unbounded) or positive");
    }
    if (backoffCoefficient < 1.0) {
      throw new IllegalArgumentException("policy " + name + ": backoff-coefficient must be >= 1");
    }
    if (maximumAttempts < 0) {
      throw new IllegalArgumentException(
          "policy " + name + ": maximum-attempts must be >= 0 (0 = unlimited)");
    }
    if (maximumInterval.compareTo(initialInterval) < 0) {
      throw new IllegalArgumentException(
          "policy " + name + ": maximum-interval is shorter than initial-interval");
    }
    nonRetryable = nonRetryable == null ? List.of() : List.copyOf(nonRetryable);
  }

  private static void positive(String policy, String knob, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException("policy " + policy + ": " + knob + " must be positive");
    }
  }

  /** The Temporal retry options this policy stands for. */
  public RetryOptions retryOptions() {
    return RetryOptions.newBuilder()
        .setInitialInterval(initialInterval)
        .setBackoffCoefficient(backoffCoefficient)
        .setMaximumInterval(maximumInterval)
        .setMaximumAttempts(maximumAttempts)
        .setDoNotRetry(nonRetryable.toArray(String[]::new))
        .build();
  }

  /**
   * Local activity options with this policy's timeouts and retries: for steps that run inside the
   * worker's workflow task (no trip through the task queue) and are recorded as one marker.
   */
  public io.temporal.activity.LocalActivityOptions localActivityOptions() {
    io.temporal.activity.LocalActivityOptions.Builder options =
        io.temporal.activity.LocalActivityOptions.newBuilder()
            .setStartToCloseTimeout(startToCloseTimeout)
            .setRetryOptions(retryOptions());
    if (!scheduleToCloseTimeout.isZero()) {
      options.setScheduleToCloseTimeout(scheduleToCloseTimeout);
    } else if (maximumAttempts == 0) {
      // The SDK does not retry a local activity that has neither an attempt limit nor a deadline
      // (RETRY_POLICY_NOT_SET); "never give up" becomes a deadline no run will reach.
      options.setScheduleToCloseTimeout(UNBOUNDED_LOCAL);
    }
    return options.build();
  }

  /** The deadline of a local activity whose policy sets no limit at all. */
  static final Duration UNBOUNDED_LOCAL = Duration.ofDays(3650);

  /** Activity options with this policy's timeouts and retries. */
  public ActivityOptions activityOptions() {
    ActivityOptions.Builder options =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(startToCloseTimeout)
            .setRetryOptions(retryOptions());
    if (!scheduleToCloseTimeout.isZero()) {
      options.setScheduleToCloseTimeout(scheduleToCloseTimeout);
    }
    return options.build();
  }
}
