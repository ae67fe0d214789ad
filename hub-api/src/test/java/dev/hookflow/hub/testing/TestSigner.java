package dev.hookflow.hub.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests the way each provider does, written apart from the production verifiers so the
 * tests do not check the code against itself.
 */
public final class TestSigner {
  private TestSigner() {}

  public static byte[] hmac(String algorithm, byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  public static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static String github(String secret, String body) {
    return "sha256=" + hex(hmac("HmacSHA256", utf8(secret), body));
  }

  public static String shopify(String secret, String body) {
    return b64(hmac("HmacSHA256", utf8(secret), body));
  }

  public static String stripe(String secret, long timestamp, String body) {
    return "t="
        + timestamp
        + ",v1="
        + hex(hmac("HmacSHA256", utf8(secret), timestamp + "." + body));
  }

  public static String slack(String secret, long timestamp, String body) {
    return "v0=" + hex(hmac("HmacSHA256", utf8(secret), "v0:" + timestamp + ":" + body));
  }

  public static String standardV1(String whsecSecret, String id, long timestamp, String body) {
    byte[] key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
    return "v1," + b64(hmac("HmacSHA256", key, id + "." + timestamp + "." + body));
  }

  public static String standardV1a(PrivateKey key, String id, long timestamp, String body) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(utf8(id + "." + timestamp + "." + body));
      return "v1a," + b64(signer.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Twilio: base64 HMAC-SHA1 over the URL and the sorted form parameters. */
  public static String twilio(String token, String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    return b64(hmac("HmacSHA1", utf8(token), data.toString()));
  }

  public static String sha256Hex(String body) {
    try {
      return hex(MessageDigest.getInstance("SHA-256").digest(utf8(body)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
