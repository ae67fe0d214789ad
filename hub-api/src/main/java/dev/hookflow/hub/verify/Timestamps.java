package dev.hookflow.hub.verify;

import dev.hookflow.hub.error.ProblemCode;
import java.time.Clock;
import java.time.Duration;

/** Signed-timestamp checks shared by the schemes that sign one. */
final class Timestamps {
  private Timestamps() {}

  /** Parses epoch seconds; an unparsable value is an invalid signature. */
  static long parseSeconds(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw VerificationException.invalidSignature();
    }
  }

  /** Refuses a timestamp further than {@code tolerance} from now, in the past or the future. */
  static void requireFresh(long epochSeconds, Clock clock, Duration tolerance) {
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - epochSeconds) > tolerance.getSeconds()) {
      throw new VerificationException(
          ProblemCode.STALE_TIMESTAMP,
          "Signed timestamp is more than " + tolerance.getSeconds() + " s from the hub's clock");
    }
  }
}
