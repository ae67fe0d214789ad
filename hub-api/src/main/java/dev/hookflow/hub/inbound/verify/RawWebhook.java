package dev.hookflow.hub.inbound.verify;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A webhook request as received, before anything about it is trusted.
 *
 * @param path the request path, for example {@code /webhooks/twilio}
 * @param query the raw query string without {@code ?}, or null
 * @param headers header values by lower-case name
 * @param contentType the media type without parameters, lower case, or null
 * @param body the raw body bytes, exactly as signed
 */
public record RawWebhook(
    String path, String query, Map<String, List<String>> headers, String contentType, byte[] body) {

  /** The first value of a header (name case-insensitive), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public boolean isForm() {
    return "application/x-www-form-urlencoded".equals(contentType);
  }
}
