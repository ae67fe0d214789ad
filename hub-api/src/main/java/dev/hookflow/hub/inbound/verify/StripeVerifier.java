package dev.hookflow.hub.inbound.verify;

import dev.hookflow.signatures.Hmac;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Stripe-Signature: t=<seconds>,v1=<hex>[,v1=<hex>...]}: HMAC-SHA256 over {@code t + "." +
 * body}, keyed with the whole {@code whsec_...} string. Any {@code v1} under any secret passes;
 * {@code v0} and unknown schemes are ignored.
 */
public final class StripeVerifier implements SignatureVerifier {
  static final String HEADER = "Stripe-Signature";

  private final List<Hmac> keys;
  private final Duration tolerance;
  private final Clock clock;

  public StripeVerifier(List<String> secrets, Duration tolerance, Clock clock) {
    this.keys = secrets.stream().map(Hmac::sha256).toList();
    this.tolerance = tolerance;
    this.clock = clock;
  }

  @Override
  public void verify(RawWebhook request) {
    String value = request.header(HEADER);
    if (value == null) {
      throw VerificationException.missingHeader(HEADER);
    }
    String timestamp = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String item : value.split(",")) {
      int eq = item.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = item.substring(0, eq).trim();
      String val = item.substring(eq + 1).trim();
      if (key.equals("t")) {
        timestamp = val;
      } else if (key.equals("v1")) {
        signatures.add(Hmac.hex(val));
      }
    }
    if (timestamp == null || signatures.isEmpty()) {
      throw VerificationException.invalidSignature();
    }
    long seconds = Timestamps.parseSeconds(timestamp);
    byte[] prefix = Hmac.utf8(timestamp + ".");
    for (Hmac key : keys) {
      byte[] expected = key.sign(prefix, request.body());
      for (byte[] given : signatures) {
        if (Hmac.matches(expected, given)) {
          Timestamps.requireFresh(seconds, clock, tolerance);
          return;
        }
      }
    }
    throw VerificationException.invalidSignature();
  }
}
