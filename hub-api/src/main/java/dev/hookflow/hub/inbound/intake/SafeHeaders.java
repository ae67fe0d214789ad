package dev.hookflow.hub.inbound.intake;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The request headers that may travel into Temporal payloads and the Web UI: everything except
 * credentials, signatures and hop-by-hop noise.
 */
final class SafeHeaders {
  private static final List<String> SECRET_MARKERS =
      List.of(
          "signature",
          "hmac",
          "token",
          "secret",
          "authorization",
          "cookie",
          "api-key",
          "apikey",
          "password");
  private static final List<String> NOISE =
      List.of(
          "connection",
          "content-length",
          "host",
          "accept-encoding",
          "keep-alive",
          "transfer-encoding",
          "upgrade",
          "http2-settings");
  private static final int MAX_VALUE = 512;

  private SafeHeaders() {}

  static Map<String, String> of(Map<String, List<String>> headers) {
    Map<String, String> out = new TreeMap<>();
    headers.forEach(
        (name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (values.isEmpty() || NOISE.contains(lower) || isSecret(lower)) {
            return;
          }
          String value = String.join(", ", values);
          out.put(lower, value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value);
        });
    return out;
  }

  static boolean isSecret(String lowerName) {
    for (String marker : SECRET_MARKERS) {
      if (lowerName.contains(marker)) {
        return true;
      }
    }
    return false;
  }
}
