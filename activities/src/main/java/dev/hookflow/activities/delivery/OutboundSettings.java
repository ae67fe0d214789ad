package dev.hookflow.activities.delivery;

import dev.hookflow.workflows.policy.RetrySchedule;
import java.time.Duration;

/**
 * How outbound deliveries are made: the retry schedule new deliveries get, the request timeout,
 * which signature headers go out, the task queue the delivery workflows run on, the user agent.
 */
public record OutboundSettings(
    RetrySchedule schedule,
    Duration requestTimeout,
    HeaderStyle headerStyle,
    String taskQueue,
    String userAgent) {

  /** {@code webhook-*} (Standard Webhooks), {@code svix-*}, or both. */
  public enum HeaderStyle {
    WEBHOOK,
    SVIX,
    BOTH;

    public static HeaderStyle parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "header-style '" + text + "' is not one of webhook, svix, both");
      }
    }
  }
}
