package dev.hookflow.activities.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A system Hookflow calls: where it is and how to authenticate.
 *
 * @param name the name in {@code hookflow.downstreams.<name>}, used in failures and logs
 * @param baseUrl the URL paths are appended to
 * @param headers headers sent on every call, such as {@code Authorization}; treated as secrets
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the answer
 */
public record Downstream(
    String name,
    URI baseUrl,
    Map<String, String> headers,
    Duration connectTimeout,
    Duration readTimeout) {

  public Downstream {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    if (baseUrl == null || baseUrl.getScheme() == null || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("downstream " + name + ": url must be absolute");
    }
  }

  /** Names and URL only: header values may be credentials. */
  @Override
  public String toString() {
    return "Downstream[" + name + " " + baseUrl + ", headers " + headers.keySet() + "]";
  }
}
