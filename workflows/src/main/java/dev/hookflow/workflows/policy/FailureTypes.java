package dev.hookflow.workflows.policy;

import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * The failure types activities throw and policies refer to ({@code ApplicationFailure} types and
 * {@code RetryOptions.setDoNotRetry} entries).
 */
public final class FailureTypes {

  /** A downstream answered 4xx other than 408, 409, 425 and 429: retrying cannot help. */
  public static final String DOWNSTREAM_REJECTED = "DownstreamRejected";

  /** A downstream answered 5xx, 408, 409, 425 or 429: retried per policy. */
  public static final String DOWNSTREAM_UNAVAILABLE = "DownstreamUnavailable";

  /** A downstream did not answer: connection refused, DNS failure or timeout. Retried. */
  public static final String DOWNSTREAM_UNREACHABLE = "DownstreamUnreachable";

  /**
   * The hub has no URL for the named downstream. Retried, so fixing the configuration lets the
   * workflow go on.
   */
  public static final String DOWNSTREAM_NOT_CONFIGURED = "DownstreamNotConfigured";

  /** A 2xx answer lacked a field the workflow needs (for example {@code reservationId}). */
  public static final String DOWNSTREAM_BAD_ANSWER = "DownstreamBadAnswer";

  /** The event lacks data the workflow needs (for example the order's payment intent). */
  public static final String INVALID_EVENT = "InvalidEvent";

  /** An order could not be fulfilled; its completed steps were compensated. */
  public static final String ORDER_FAILED = "OrderFailed";

  /** At least one relay destination exhausted its retries. */
  public static final String RELAY_FAILED = "RelayFailed";

  /** Failure types no shipped policy retries. */
  public static final List<String> NON_RETRYABLE =
      List.of(DOWNSTREAM_REJECTED, DOWNSTREAM_BAD_ANSWER, INVALID_EVENT);

  private FailureTypes() {}

  /**
   * The message of the innermost {@link ApplicationFailure} in a failure chain: for an activity,
   * the one naming the downstream, the HTTP status and an excerpt of the answer.
   */
  public static String reasonOf(Throwable failure) {
    String reason = failure.getMessage();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        reason = app.getOriginalMessage();
      }
    }
    return reason;
  }

  /** The type of the innermost {@link ApplicationFailure} in a failure chain, or null. */
  public static String typeOf(Throwable failure) {
    String type = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        type = app.getType();
      }
    }
    return type;
  }
}
