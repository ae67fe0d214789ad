package dev.hookflow.workflows.policy;

import java.time.Duration;

/** Reads durations written as {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d} or ISO-8601. */
public final class Durations {
  private Durations() {}

  /**
   * @throws IllegalArgumentException when {@code text} is neither form
   */
  public static Duration parse(String text) {
    String s = text.trim();
    try {
      if (s.startsWith("P") || s.startsWith("p")) {
        return Duration.parse(s);
      }
      long amount = Long.parseLong(s.substring(0, s.length() - 1));
      switch (s.charAt(s.length() - 1)) {
        case 's':
          return Duration.ofSeconds(amount);
        case 'm':
          return Duration.ofMinutes(amount);
        case 'h':
          return Duration.ofHours(amount);
        case 'd':
          return Duration.ofDays(amount);
        default:
          break;
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a duration such as 90s, 15m, 1h, 2d or PT1H");
  }
}
