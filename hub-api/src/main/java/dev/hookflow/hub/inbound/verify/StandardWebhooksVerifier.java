package dev.hookflow.hub.inbound.verify;

import dev.hookflow.signatures.StandardWebhooks;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Standard Webhooks (also Svix): {@code webhook-id}, {@code webhook-timestamp}, {@code
 * webhook-signature} (or the {@code svix-} names), checked by the signatures library ({@code v1}
 * HMAC under {@code whsec_} secrets, {@code v1a} Ed25519 under {@code whpk_} public keys).
 */
public final class StandardWebhooksVerifier implements SignatureVerifier {
  private final StandardWebhooks keys;
  private final Duration tolerance;
  private final Clock clock;

  /**
   * @param secrets {@code whsec_<base64>} symmetric secrets and/or {@code whpk_<base64>} Ed25519
   *     public keys
   * @throws IllegalArgumentException for a secret in neither form
   */
  public StandardWebhooksVerifier(List<String> secrets, Duration tolerance, Clock clock) {
    this.keys = StandardWebhooks.verifying(secrets);
    this.tolerance = tolerance;
    this.clock = clock;
  }

  @Override
  public void verify(RawWebhook request) {
    String id = header(request, "id");
    String timestamp = header(request, "timestamp");
    String signatures = header(request, "signature");
    long seconds = Timestamps.parseSeconds(timestamp);
    if (!keys.verify(id, timestamp, signatures, request.body())) {
      throw VerificationException.invalidSignature();
    }
    Timestamps.requireFresh(seconds, clock, tolerance);
  }

  private static String header(RawWebhook request, String suffix) {
    String value = request.header("webhook-" + suffix);
    if (value == null) {
      value = request.header("svix-" + suffix);
    }
    if (value == null) {
      throw VerificationException.missingHeader("webhook-" + suffix);
    }
    return value;
  }
}
