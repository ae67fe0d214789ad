package dev.hookflow.hub.inbound.verify;

import dev.hookflow.hub.platform.error.ProblemCode;
import java.time.Clock;
import java.time.Duration;

/** The signatures library's timestamp checks, as intake's refusals. */
final class Timestamps {
  private Timestamps() {}

  /** Parses epoch seconds; an unparsable value is an invalid signature. */
  static long parseSeconds(String value) {
    return dev.hookflow.signatures.Timestamps.parseSeconds(value)
        .orElseThrow(VerificationException::invalidSignature);
  }

  /** Refuses a timestamp further than {@code tolerance} from now, in the past or the future. */
  static void requireFresh(long epochSeconds, Clock clock, Duration tolerance) {
    if (!dev.hookflow.signatures.Timestamps.isFresh(epochSeconds, clock, tolerance)) {
      throw new VerificationException(
          ProblemCode.STALE_TIMESTAMP,
          "Signed timestamp is more than " + tolerance.getSeconds() + " s from the hub's clock");
    }
  }
}
