package dev.hookflow.hub.inbound.verify;

/**
 * A request whose signature has been checked. Only {@link Verification#verify} creates one, so code
 * that takes a {@code VerifiedWebhook} cannot be handed an unverified request.
 */
public final class VerifiedWebhook {
  private final String source;
  private final RawWebhook request;

  VerifiedWebhook(String source, RawWebhook request) {
    this.source = source;
    this.request = request;
  }

  public String source() {
    return source;
  }

  public RawWebhook request() {
    return request;
  }
}
