package dev.hookflow.activities.delivery;

import java.time.Duration;

/**
 * What one POST to an endpoint gave: the status (0 when no answer came), the start of the answer as
 * text, how long it took, the kind of error when there was no answer ({@code timeout}, {@code
 * refused}, {@code dns}, {@code tls}, {@code connection}), and a {@code Retry-After} if sent.
 */
public record SendResult(
    int statusCode, String response, long durationMs, String errorKind, Duration retryAfter) {

  public boolean success() {
    return statusCode >= 200 && statusCode < 300;
  }
}
