package dev.hookflow.activities.relay;

import dev.hookflow.activities.http.DownstreamHttp;
import dev.hookflow.activities.http.Json;
import dev.hookflow.workflows.policy.FailureTypes;
import dev.hookflow.workflows.relay.DeliveryReceipt;
import dev.hookflow.workflows.relay.RelayActivities;
import dev.hookflow.workflows.relay.RelayDelivery;
import io.micronaut.http.HttpMethod;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Delivers relayed events: the event's payload as JSON, with Standard Webhooks headers ({@code
 * webhook-id} = {@code <source>-<event id>}, the same on every attempt and replay so receivers can
 * drop repeats; {@code webhook-timestamp} of the attempt; {@code webhook-signature}) plus {@code
 * Hookflow-Source}, {@code Hookflow-Event-Type} and the destination's extra headers.
 */
public class RelayActivitiesImpl implements RelayActivities {
  private final BiFunction<String, String, RelayDestination> destinations;
  private final DownstreamHttp http;
  private final Clock clock;

  /**
   * @param destinations (route, destination name) to the destination, or null when unknown
   */
  public RelayActivitiesImpl(
      BiFunction<String, String, RelayDestination> destinations, DownstreamHttp http, Clock clock) {
    this.destinations = destinations;
    this.http = http;
    this.clock = clock;
  }

  @Override
  public DeliveryReceipt deliver(RelayDelivery delivery) {
    RelayDestination destination = destinations.apply(delivery.route(), delivery.destination());
    if (destination == null) {
      throw ApplicationFailure.newFailure(
          "Route "
              + delivery.route()
              + " has no relay destination '"
              + delivery.destination()
              + "' in the hub's configuration",
          FailureTypes.DOWNSTREAM_NOT_CONFIGURED);
    }
    byte[] body = Json.bytes(delivery.event().payload());
    // Event ids and types come from the sender and may hold what a header cannot carry.
    String id =
        DownstreamHttp.headerSafe(delivery.event().source() + "-" + delivery.event().eventId());
    long timestamp = clock.instant().getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("webhook-id", id);
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put("webhook-signature", destination.signer().sign(id, timestamp, body));
    headers.put("Hookflow-Source", delivery.event().source());
    headers.put("Hookflow-Event-Type", DownstreamHttp.headerSafe(delivery.event().type()));
    // The URL may carry a token, so failures name the destination, not the path.
    DownstreamHttp.Answer answer =
        http.call(
            destination.downstream(),
            HttpMethod.POST,
            "",
            body,
            headers,
            "POST",
            destination.maximumInterval());
    return new DeliveryReceipt(
        delivery.destination(),
        answer.status(),
        id,
        Activity.getExecutionContext().getInfo().getAttempt());
  }
}
