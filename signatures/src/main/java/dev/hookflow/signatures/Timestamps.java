package dev.hookflow.signatures;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

/** Signed-timestamp checks shared by the schemes that sign one. */
public final class Timestamps {
  private Timestamps() {}

  /** Epoch seconds, or empty for a value that is not a number. */
  public static OptionalLong parseSeconds(String value) {
    try {
      return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Whether {@code epochSeconds} is within {@code tolerance} of now, in the past or the future. */
  public static boolean isFresh(long epochSeconds, Clock clock, Duration tolerance) {
    return Math.abs(clock.instant().getEpochSecond() - epochSeconds) <= tolerance.getSeconds();
  }
}
