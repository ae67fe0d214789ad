package dev.hookflow.workflows.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An outbound retry schedule: the delay before each attempt, the first usually {@code 0s}; its
 * length is the number of attempts. The default, {@code 0s,5s,5m,30m,2h,5h,10h,10h}, is the Svix
 * server's: 8 attempts over about 27 hours.
 */
public final class RetrySchedule {
  public static final String DEFAULT = "0s,5s,5m,30m,2h,5h,10h,10h";

  private final List<String> texts;
  private final List<Duration> delays;

  private RetrySchedule(List<String> texts, List<Duration> delays) {
    this.texts = texts;
    this.delays = delays;
  }

  /** Reads a comma-separated schedule such as {@code 0s,5s,5m}. */
  public static RetrySchedule parse(String commaSeparated) {
    List<String> parts = new ArrayList<>();
    for (String part : commaSeparated.split(",")) {
      if (!part.isBlank()) {
        parts.add(part.trim());
      }
    }
    return of(parts);
  }

  /**
   * @throws IllegalArgumentException when empty or when a delay is not a non-negative duration
   */
  public static RetrySchedule of(List<String> texts) {
    if (texts == null || texts.isEmpty()) {
      throw new IllegalArgumentException("a retry schedule needs at least one attempt");
    }
    List<Duration> delays = new ArrayList<>();
    for (String text : texts) {
      Duration delay = Durations.parse(text);
      if (delay.isNegative()) {
        throw new IllegalArgumentException("retry schedule: '" + text + "' is negative");
      }
      delays.add(delay);
    }
    return new RetrySchedule(List.copyOf(texts), List.copyOf(delays));
  }

  /** How many attempts the schedule allows. */
  public int attempts() {
    return delays.size();
  }

  /** The delay before attempt {@code index} (0 = the first attempt). */
  public Duration delayBefore(int index) {
    return delays.get(index);
  }

  /** The schedule as written, one entry per attempt. */
  public List<String> texts() {
    return texts;
  }

  @Override
  public String toString() {
    return String.join(",", texts);
  }
}
