package dev.hookflow.hub.platform.temporal;

import java.nio.charset.StandardCharsets;

/** The rules Temporal holds ids and keyword values to, in one place. */
public final class TemporalIds {
  /**
   * The longest workflow id Temporal takes (its {@code limit.maxIDLength} default, counted in UTF-8
   * bytes).
   */
  public static final int MAX_ID_BYTES = 1000;

  private TemporalIds() {}

  /**
   * Why Temporal or a downstream could not take this id, or null when it is fine: empty, too long,
   * or holding control characters (a value from the payload may hold anything). Intake holds event
   * ids and types to the same rule: at 1,000 bytes even a value of quotes stays under Temporal's 2
   * KB per search attribute value once JSON-encoded.
   */
  public static String invalidReason(String id) {
    if (id.isEmpty()) {
      return "is empty";
    }
    int bytes = id.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_ID_BYTES) {
      return "is " + bytes + " bytes long, over Temporal's limit of " + MAX_ID_BYTES;
    }
    if (id.chars().anyMatch(Character::isISOControl)) {
      return "holds control characters";
    }
    return null;
  }
}
