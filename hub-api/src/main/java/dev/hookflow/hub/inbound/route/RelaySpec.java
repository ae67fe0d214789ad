package dev.hookflow.hub.inbound.route;

import java.net.URI;
import java.util.Map;

/**
 * One destination of a relay route, as configured.
 *
 * @param name unique within the route; the workflow refers to the destination by it
 * @param url where events are POSTed
 * @param secret the {@code whsec_} signing secret
 * @param policy the retry policy's name (default {@code relay})
 * @param headers extra headers, for example an API key; treated as secrets
 */
public record RelaySpec(
    String name, URI url, String secret, String policy, Map<String, String> headers) {

  public RelaySpec {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** The URL's path and the secret and header values stay out of logs. */
  @Override
  public String toString() {
    return "RelaySpec["
        + name
        + " "
        + url.getScheme()
        + "://"
        + url.getAuthority()
        + ", policy "
        + policy
        + "]";
  }
}
