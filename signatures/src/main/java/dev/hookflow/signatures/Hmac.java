package dev.hookflow.signatures;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC key ready for use. The keyed {@link Mac} is built once; each signature works on a clone,
 * so the hot path does no key schedule and no provider lookup.
 */
public final class Hmac {
  private final Mac prototype;

  public Hmac(String algorithm, byte[] key) {
    try {
      prototype = Mac.getInstance(algorithm);
      prototype.init(new SecretKeySpec(key, algorithm));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot use " + algorithm, e);
    }
  }

  public static Hmac sha256(String utf8Key) {
    return new Hmac("HmacSHA256", utf8Key.getBytes(StandardCharsets.UTF_8));
  }

  /** The MAC over the concatenation of the parts. */
  public byte[] sign(byte[]... parts) {
    Mac mac;
    try {
      mac = (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
    for (byte[] part : parts) {
      mac.update(part);
    }
    return mac.doFinal();
  }

  /** Constant-time comparison; a null or undecodable signature never matches. */
  public static boolean matches(byte[] expected, byte[] given) {
    return given != null && MessageDigest.isEqual(expected, given);
  }

  /** Hex decoding that answers null instead of throwing on bad input. */
  public static byte[] hex(String text) {
    try {
      return text == null ? null : HexFormat.of().parseHex(text.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Base64 decoding that answers null instead of throwing on bad input. */
  public static byte[] base64(String text) {
    try {
      return text == null ? null : Base64.getDecoder().decode(text.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
