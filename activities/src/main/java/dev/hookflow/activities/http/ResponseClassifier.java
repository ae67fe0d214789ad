package dev.hookflow.activities.http;

/**
 * Maps an HTTP status to what Temporal should do: 2xx succeeds; 4xx is final except 408, 409, 425
 * and 429; everything else (5xx, and the 4xx exceptions) is retried per policy. 429 and 503 may
 * name their own retry delay with {@code Retry-After}.
 */
public final class ResponseClassifier {
  private ResponseClassifier() {}

  /** What an answer means for the call. */
  public enum Outcome {
    SUCCESS,
    RETRY,
    REJECT
  }

  public static Outcome classify(int status) {
    if (status >= 200 && status < 300) {
      return Outcome.SUCCESS;
    }
    if (status >= 400 && status < 500) {
      return switch (status) {
        case 408, 409, 425, 429 -> Outcome.RETRY;
        default -> Outcome.REJECT;
      };
    }
    // 1xx/3xx reaching here (redirects are followed) and 5xx: the downstream may recover.
    return Outcome.RETRY;
  }

  /** Whether the status's {@code Retry-After} header sets the next retry delay. */
  public static boolean honoursRetryAfter(int status) {
    return status == 429 || status == 503;
  }
}
