package dev.hookflow.hub.inbound.verify;

import dev.hookflow.signatures.Hmac;
import java.util.List;

/**
 * A signature header holding an HMAC of the raw body: GitHub ({@code X-Hub-Signature-256}, {@code
 * sha256=} hex), Shopify ({@code X-Shopify-Hmac-Sha256}, base64) and any sender configured with the
 * {@code hmac} scheme.
 */
public final class HmacVerifier implements SignatureVerifier {

  /** How the signature bytes are written in the header. */
  public enum Encoding {
    HEX,
    BASE64
  }

  private final String header;
  private final String prefix;
  private final Encoding encoding;
  private final List<Hmac> keys;

  public HmacVerifier(
      String header, String javaAlgorithm, Encoding encoding, String prefix, List<String> secrets) {
    this.header = header;
    this.prefix = prefix == null ? "" : prefix;
    this.encoding = encoding;
    this.keys = secrets.stream().map(s -> new Hmac(javaAlgorithm, Hmac.utf8(s))).toList();
  }

  public static HmacVerifier github(List<String> secrets) {
    return new HmacVerifier("X-Hub-Signature-256", "HmacSHA256", Encoding.HEX, "sha256=", secrets);
  }

  public static HmacVerifier shopify(List<String> secrets) {
    return new HmacVerifier("X-Shopify-Hmac-Sha256", "HmacSHA256", Encoding.BASE64, "", secrets);
  }

  @Override
  public void verify(RawWebhook request) {
    String value = request.header(header);
    if (value == null) {
      throw VerificationException.missingHeader(header);
    }
    value = value.trim();
    if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
      throw VerificationException.invalidSignature();
    }
    String encoded = value.substring(prefix.length());
    byte[] given = encoding == Encoding.HEX ? Hmac.hex(encoded) : Hmac.base64(encoded);
    for (Hmac key : keys) {
      if (Hmac.matches(key.sign(request.body()), given)) {
        return;
      }
    }
    throw VerificationException.invalidSignature();
  }
}
