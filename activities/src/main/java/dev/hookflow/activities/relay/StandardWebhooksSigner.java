package dev.hookflow.activities.relay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs outbound webhooks per Standard Webhooks: HMAC-SHA256 over {@code id.timestamp.body} with
 * the base64 key after {@code whsec_}, sent as {@code webhook-signature: v1,<base64>}.
 */
public final class StandardWebhooksSigner {
  private static final String PREFIX = "whsec_";
  private final SecretKeySpec key;

  /**
   * @param secret {@code whsec_<base64 key>}
   * @throws IllegalArgumentException when the secret is not of that form (the message never holds
   *     the secret)
   */
  public StandardWebhooksSigner(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a signing secret must look like whsec_<base64>");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the part after whsec_ is not base64");
    }
    if (bytes.length < 16) {
      throw new IllegalArgumentException("a signing secret needs at least 16 bytes of key");
    }
    this.key = new SecretKeySpec(bytes, "HmacSHA256");
  }

  /** The {@code webhook-signature} value for one message. */
  public String sign(String id, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "StandardWebhooksSigner[secret hidden]";
  }
}
