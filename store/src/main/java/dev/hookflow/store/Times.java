package dev.hookflow.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as the store keeps them. */
public final class Times {
  private Times() {}

  /** Now, at PostgreSQL's precision (microseconds), so a row read back equals the row written. */
  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
