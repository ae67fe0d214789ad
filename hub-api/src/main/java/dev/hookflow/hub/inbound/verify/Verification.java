package dev.hookflow.hub.inbound.verify;

/** The only way to obtain a {@link VerifiedWebhook}. */
public final class Verification {
  private Verification() {}

  public static VerifiedWebhook verify(String source, SignatureVerifier verifier, RawWebhook raw) {
    verifier.verify(raw);
    return new VerifiedWebhook(source, raw);
  }
}
