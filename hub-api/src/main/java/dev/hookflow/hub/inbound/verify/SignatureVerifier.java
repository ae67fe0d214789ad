package dev.hookflow.hub.inbound.verify;

/**
 * Checks one signature scheme over the raw request. Implementations compare in constant time, try
 * every active secret, and refuse timestamps outside the tolerance in either direction.
 */
public interface SignatureVerifier {

  /**
   * @throws VerificationException with {@code missing_header}, {@code invalid_signature} or {@code
   *     stale_timestamp}
   */
  void verify(RawWebhook request);
}
