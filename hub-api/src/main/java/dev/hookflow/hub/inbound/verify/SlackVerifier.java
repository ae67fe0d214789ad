package dev.hookflow.hub.inbound.verify;

import dev.hookflow.signatures.Hmac;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Slack request signing: {@code X-Slack-Signature: v0=<hex>} of HMAC-SHA256 over {@code "v0:" +
 * X-Slack-Request-Timestamp + ":" + body}.
 */
public final class SlackVerifier implements SignatureVerifier {
  static final String SIGNATURE = "X-Slack-Signature";
  static final String TIMESTAMP = "X-Slack-Request-Timestamp";

  private final List<Hmac> keys;
  private final Duration tolerance;
  private final Clock clock;

  public SlackVerifier(List<String> secrets, Duration tolerance, Clock clock) {
    this.keys = secrets.stream().map(Hmac::sha256).toList();
    this.tolerance = tolerance;
    this.clock = clock;
  }

  @Override
  public void verify(RawWebhook request) {
    String signature = request.header(SIGNATURE);
    if (signature == null) {
      throw VerificationException.missingHeader(SIGNATURE);
    }
    String timestamp = request.header(TIMESTAMP);
    if (timestamp == null) {
      throw VerificationException.missingHeader(TIMESTAMP);
    }
    signature = signature.trim();
    if (!signature.startsWith("v0=")) {
      throw VerificationException.invalidSignature();
    }
    byte[] given = Hmac.hex(signature.substring(3));
    long seconds = Timestamps.parseSeconds(timestamp);
    byte[] prefix = Hmac.utf8("v0:" + timestamp.trim() + ":");
    for (Hmac key : keys) {
      if (Hmac.matches(key.sign(prefix, request.body()), given)) {
        Timestamps.requireFresh(seconds, clock, tolerance);
        return;
      }
    }
    throw VerificationException.invalidSignature();
  }
}
