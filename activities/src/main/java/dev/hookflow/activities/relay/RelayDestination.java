package dev.hookflow.activities.relay;

import dev.hookflow.activities.http.Downstream;
import dev.hookflow.signatures.StandardWebhooks;
import java.time.Duration;

/**
 * Where a relay route sends events, and the secret it signs them with.
 *
 * @param route the route's name
 * @param downstream the destination's name, URL, extra headers and timeouts
 * @param signer signs with the destination's {@code whsec_} secret (runs started before relays
 *     became deliveries)
 * @param maximumInterval the maximum interval of the destination's policy, which caps {@code
 *     Retry-After}
 * @param secret the {@code whsec_} secret itself, which the destination's endpoint row keeps
 */
public record RelayDestination(
    String route,
    Downstream downstream,
    StandardWebhooks signer,
    Duration maximumInterval,
    String secret) {

  /** The secret and the header values stay out of logs. */
  @Override
  public String toString() {
    return "RelayDestination[" + route + "/" + downstream.name() + "]";
  }
}
