package dev.hookflow.hub.inbound.verify;

import dev.hookflow.signatures.Hmac;
import java.security.MessageDigest;
import java.util.List;

/**
 * A shared token sent in a header, such as GitLab's {@code X-Gitlab-Token}. Weaker than a signature
 * (the body is not covered); use only for senders that offer nothing better.
 */
public final class TokenVerifier implements SignatureVerifier {
  private final String header;
  private final List<byte[]> tokens;

  public TokenVerifier(String header, List<String> tokens) {
    this.header = header;
    this.tokens = tokens.stream().map(Hmac::utf8).toList();
  }

  @Override
  public void verify(RawWebhook request) {
    String value = request.header(header);
    if (value == null) {
      throw VerificationException.missingHeader(header);
    }
    byte[] given = Hmac.utf8(value);
    for (byte[] token : tokens) {
      if (MessageDigest.isEqual(token, given)) {
        return;
      }
    }
    throw VerificationException.invalidSignature();
  }
}
