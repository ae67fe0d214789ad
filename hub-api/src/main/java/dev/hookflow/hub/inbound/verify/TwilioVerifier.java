package dev.hookflow.hub.inbound.verify;

import dev.hookflow.signatures.Hmac;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * {@code X-Twilio-Signature}: base64 HMAC-SHA1 under the auth token over the public URL the request
 * was sent to, followed, for form bodies, by every parameter name and value sorted by name. JSON
 * bodies are covered instead by a {@code bodySHA256} query parameter holding the hex SHA-256 of the
 * body (the URL, with that parameter, is what is signed).
 */
public final class TwilioVerifier implements SignatureVerifier {
  static final String HEADER = "X-Twilio-Signature";

  private final String publicBaseUrl;
  private final List<Hmac> keys;

  /**
   * @param publicBaseUrl the URL senders use for this hub, without trailing slash; the request path
   *     is appended
   */
  public TwilioVerifier(String publicBaseUrl, List<String> authTokens) {
    this.publicBaseUrl =
        publicBaseUrl.endsWith("/")
            ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
            : publicBaseUrl;
    this.keys = authTokens.stream().map(t -> new Hmac("HmacSHA1", Hmac.utf8(t))).toList();
  }

  @Override
  public void verify(RawWebhook request) {
    String value = request.header(HEADER);
    if (value == null) {
      throw VerificationException.missingHeader(HEADER);
    }
    byte[] given = Hmac.base64(value);
    String url =
        publicBaseUrl + request.path() + (request.query() == null ? "" : "?" + request.query());
    StringBuilder data = new StringBuilder(url);
    if (request.isForm()) {
      List<Map.Entry<String, String>> params = FormUrlEncoded.parse(request.body());
      params.sort(
          Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
      for (Map.Entry<String, String> param : params) {
        data.append(param.getKey()).append(param.getValue());
      }
    } else if (!bodyHashMatches(request)) {
      throw VerificationException.invalidSignature();
    }
    byte[] signed = Hmac.utf8(data.toString());
    for (Hmac key : keys) {
      if (Hmac.matches(key.sign(signed), given)) {
        return;
      }
    }
    throw VerificationException.invalidSignature();
  }

  private static boolean bodyHashMatches(RawWebhook request) {
    String expected = null;
    if (request.query() != null) {
      for (Map.Entry<String, String> param : FormUrlEncoded.parse(request.query())) {
        if (param.getKey().equals("bodySHA256")) {
          expected = param.getValue();
        }
      }
    }
    if (expected == null) {
      return false;
    }
    try {
      byte[] actual = MessageDigest.getInstance("SHA-256").digest(request.body());
      return Hmac.matches(actual, Hmac.hex(expected));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
