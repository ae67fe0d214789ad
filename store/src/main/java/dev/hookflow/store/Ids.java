package dev.hookflow.store;

import java.security.SecureRandom;

/**
 * Time-ordered ids: a prefix ({@code app_}, {@code ep_}, {@code msg_}, {@code atmpt_}) and 26
 * characters of Crockford base32 over 48 bits of milliseconds and 80 random bits, monotonic within
 * this process. Compared byte-wise (the columns are {@code COLLATE "C"}) they sort by creation,
 * which is what makes an id a stable cursor for the lists.
 */
public final class Ids {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static long lastMillis;
  private static long high; // 16 random bits
  private static long low; // 64 random bits

  private Ids() {}

  public static String next(String prefix) {
    long millis;
    long h;
    long l;
    synchronized (Ids.class) {
      millis = Math.max(System.currentTimeMillis(), lastMillis);
      if (millis == lastMillis) {
        low++;
        if (low == 0) {
          high = (high + 1) & 0xFFFF;
        }
      } else {
        lastMillis = millis;
        high = RANDOM.nextInt(1 << 16);
        low = RANDOM.nextLong() >>> 1; // room to count up within one millisecond
      }
      h = high;
      l = low;
    }
    char[] out = new char[26];
    // 128 bits: millis (48) | high (16) | low (64); emitted 5 bits at a time from the top
    // (the first character carries the top 3 bits, 26 * 5 = 130).
    long top = (millis << 16) | h; // 64 bits
    for (int i = 25; i >= 0; i--) {
      int bit = (25 - i) * 5; // position of this character's lowest bit from the bottom
      out[i] = ALPHABET[(int) (bits(top, l, bit) & 31)];
    }
    return prefix + new String(out);
  }

  private static long bits(long top, long low, int from) {
    if (from >= 64) {
      return top >>> (from - 64);
    }
    long value = low >>> from;
    if (from > 59) {
      value |= top << (64 - from);
    }
    return value;
  }
}
