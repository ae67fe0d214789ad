package dev.hookflow.activities.relay;

import dev.hookflow.activities.http.Downstream;
import dev.hookflow.activities.http.DownstreamHttp;
import dev.hookflow.activities.http.Json;
import dev.hookflow.store.ConfiguredApplications;
import dev.hookflow.workflows.event.WebhookEvent;
import dev.hookflow.workflows.policy.FailureTypes;
import dev.hookflow.workflows.relay.DeliveryReceipt;
import dev.hookflow.workflows.relay.PreparedRelay;
import dev.hookflow.workflows.relay.RelayActivities;
import dev.hookflow.workflows.relay.RelayDelivery;
import io.micronaut.http.HttpMethod;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Relay's activities. {@link #prepare} stores a relayed event as a message of its route's
 * application, whose endpoints are the route's destinations, for the {@code Delivery} workflows
 * that send it. {@link #deliver} is the one-step delivery of runs started before that: the event's
 * payload as JSON, with Standard Webhooks headers ({@code webhook-id} = {@code <source>-<event
 * id>}, the same on every attempt and replay so receivers can drop repeats; {@code
 * webhook-timestamp} of the attempt; {@code webhook-signature}) plus {@code Hookflow-Source},
 * {@code Hookflow-Event-Type} and the destination's extra headers.
 */
public class RelayActivitiesImpl implements RelayActivities {
  private final RelayDestinations destinations;
  private final DownstreamHttp http;
  private final Clock clock;
  private final ConfiguredApplications configured;
  private final long attemptTimeoutSeconds;

  /** Route name to its application's id and its endpoints' ids, once made current here. */
  private final Map<String, PreparedRelay> routes = new ConcurrentHashMap<>();

  /**
   * @param configured where the routes' applications and endpoints are kept
   * @param attemptTimeoutSeconds the outbound request timeout, which relay deliveries use too
   */
  public RelayActivitiesImpl(
      RelayDestinations destinations,
      DownstreamHttp http,
      Clock clock,
      ConfiguredApplications configured,
      long attemptTimeoutSeconds) {
    this.destinations = destinations;
    this.http = http;
    this.clock = clock;
    this.configured = configured;
    this.attemptTimeoutSeconds = attemptTimeoutSeconds;
  }

  /** The application of a relay route: {@code relay-<route>}. */
  public static String applicationUid(String route) {
    return "relay-" + route;
  }

  @Override
  public PreparedRelay prepare(String route, WebhookEvent event) {
    PreparedRelay rows = routes.computeIfAbsent(route, this::configure);
    try {
      String msgId =
          configured.message(
              rows.appId(),
              event.source() + "-" + event.eventId(),
              event.type(),
              Json.text(event.payload()));
      return new PreparedRelay(
          rows.appId(),
          msgId,
          DownstreamHttp.headerSafe(event.source() + "-" + event.eventId()),
          rows.endpoints(),
          attemptTimeoutSeconds);
    } catch (RuntimeException e) {
      // The rows may have been deleted through the API: made again on the retry.
      routes.remove(route);
      throw e;
    }
  }

  /**
   * Brings the route's application and endpoints to what the configuration says (this process's
   * first relay of the route: the configuration does not change while it runs).
   */
  private PreparedRelay configure(String route) {
    String appId = configured.application(applicationUid(route), "Relay route " + route);
    Map<String, String> endpoints = new LinkedHashMap<>();
    for (RelayDestination destination : destinations.ofRoute(route)) {
      Downstream target = destination.downstream();
      endpoints.put(
          target.name(),
          configured.endpoint(
              appId,
              target.name(),
              target.baseUrl().toString(),
              destination.secret(),
              Json.text(target.headers()),
              "Relay destination " + target.name() + " (hub configuration)"));
    }
    return new PreparedRelay(appId, null, "", Map.copyOf(endpoints), attemptTimeoutSeconds);
  }

  @Override
  public DeliveryReceipt deliver(RelayDelivery delivery) {
    RelayDestination destination = destinations.find(delivery.route(), delivery.destination());
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
