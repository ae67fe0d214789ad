package dev.hookflow.activities.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookflow.activities.http.DownstreamHttp;
import dev.hookflow.activities.http.ResponseClassifier;
import dev.hookflow.signatures.StandardWebhooks;
import dev.hookflow.store.AttemptRepository;
import dev.hookflow.store.AttemptRow;
import dev.hookflow.store.DestinationRow;
import dev.hookflow.store.Destinations;
import dev.hookflow.store.EndpointRepository;
import dev.hookflow.store.EndpointRow;
import dev.hookflow.store.Ids;
import dev.hookflow.store.MessageRepository;
import dev.hookflow.store.MessageRow;
import dev.hookflow.workflows.delivery.AttemptOutcome;
import dev.hookflow.workflows.delivery.DeliveryActivities;
import dev.hookflow.workflows.delivery.DeliveryFailures;
import dev.hookflow.workflows.delivery.DeliveryInput;
import dev.hookflow.workflows.delivery.Relayed;
import dev.hookflow.workflows.policy.FailureTypes;
import dev.hookflow.workflows.policy.RetrySchedule;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One attempt of a delivery: load the message and the endpoint, sign the stored payload with the
 * endpoint's secret(s) at the attempt's time, POST it, record the attempt row and the message's
 * state at the endpoint, and tell Temporal when the next attempt is due.
 *
 * <p>The position in the schedule is the number of attempt rows this delivery already has, so
 * retries of an activity that sent nothing (a worker lost mid-attempt) do not use up the schedule;
 * the row's key names the activity attempt, so a retried activity never records one twice.
 */
public class DeliveryActivitiesImpl implements DeliveryActivities {
  /** Headers an endpoint's custom headers may not replace. */
  private static final Set<String> RESERVED =
      Set.of(
          "webhook-id",
          "webhook-timestamp",
          "webhook-signature",
          "svix-id",
          "svix-timestamp",
          "svix-signature",
          "content-type",
          "content-length",
          "user-agent",
          "host");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MessageRepository messages;
  private final EndpointRepository endpoints;
  private final AttemptRepository attempts;
  private final Destinations destinations;
  private final WebhookSender sender;
  private final OutboundSettings settings;
  private final Clock clock;

  public DeliveryActivitiesImpl(
      MessageRepository messages,
      EndpointRepository endpoints,
      AttemptRepository attempts,
      Destinations destinations,
      WebhookSender sender,
      OutboundSettings settings,
      Clock clock) {
    this.messages = messages;
    this.endpoints = endpoints;
    this.attempts = attempts;
    this.destinations = destinations;
    this.sender = sender;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public AttemptOutcome attempt(DeliveryInput input) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    String deliveryId = info.getWorkflowId() + "/" + info.getRunId();
    String attemptKey = deliveryId + "#" + info.getAttempt();
    Relayed relayed = input.relayed();
    RetrySchedule schedule = relayed == null ? RetrySchedule.of(input.schedule()) : null;
    int limit = limit(input, schedule);

    Optional<MessageRow> message = messages.findByIdAndAppId(input.msgId(), input.appId());
    Optional<EndpointRow> endpoint = endpoints.findByIdAndAppId(input.endpointId(), input.appId());
    if (message.isEmpty() || endpoint.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          (message.isEmpty() ? "Message " + input.msgId() : "Endpoint " + input.endpointId())
              + " no longer exists",
          DeliveryFailures.CANCELED);
    }
    if (endpoint.get().disabled()) {
      state(input, DestinationRow.FAIL, null);
      throw ApplicationFailure.newNonRetryableFailure(
          "Endpoint " + input.endpointId() + " is disabled", DeliveryFailures.CANCELED);
    }

    int position = (int) attempts.countByDeliveryId(deliveryId);
    Optional<AttemptRow> recorded = attempts.findByAttemptKey(attemptKey);
    if (recorded.isPresent()) {
      // This activity attempt sent and recorded before its worker was lost: do not send again.
      return conclude(input, schedule, position - 1, recorded.get(), null);
    }
    if (position >= limit) {
      state(input, DestinationRow.FAIL, null);
      throw ApplicationFailure.newNonRetryableFailure(
          "All " + limit + " attempts were made", DeliveryFailures.EXHAUSTED);
    }

    state(input, DestinationRow.SENDING, null);
    EndpointRow target = endpoint.get();
    Instant now = clock.instant();
    byte[] body = payload(message.get());
    Map<String, String> headers =
        relayed == null
            ? headers(message.get(), target, now, body)
            : relayHeaders(message.get(), target, relayed, deliveryId, now, body);
    SendResult result =
        sender.post(
            target.url(),
            body,
            headers,
            relayed == null ? null : relayed.destination(),
            position + 1);
    AttemptRow row =
        new AttemptRow(
            Ids.next("atmpt_"),
            attemptKey,
            deliveryId,
            input.msgId(),
            input.endpointId(),
            input.appId(),
            target.url(),
            result.success() ? DestinationRow.SUCCESS : DestinationRow.FAIL,
            result.statusCode(),
            result.response(),
            result.durationMs(),
            result.errorKind(),
            input.manual() ? 1 : 0,
            now);
    attempts.save(row);
    return conclude(input, schedule, position, row, result.retryAfter());
  }

  /** Ends the attempt as the row says: success, retry on the schedule, or the end. */
  private AttemptOutcome conclude(
      DeliveryInput input,
      RetrySchedule schedule,
      int position,
      AttemptRow row,
      Duration retryAfter) {
    int number = position + 1;
    int status = row.responseStatusCode();
    if (row.status() == DestinationRow.SUCCESS) {
      state(input, DestinationRow.SUCCESS, null);
      return new AttemptOutcome(row.id(), status, number);
    }
    Relayed relayed = input.relayed();
    String reason =
        status == 0
            ? "no answer (" + row.errorKind() + ")"
            : relayed == null
                ? "HTTP " + status
                : relayed.destination() + " answered " + status + ": " + excerpt(row.response());
    if (relayed == null && status == 410) {
      state(input, DestinationRow.FAIL, null);
      throw ApplicationFailure.newNonRetryableFailure(
          "Attempt " + number + ": the endpoint answered 410 Gone; no more attempts",
          DeliveryFailures.GONE);
    }
    if (relayed != null
        && ResponseClassifier.classify(status) == ResponseClassifier.Outcome.REJECT) {
      // Relay keeps the downstream rule: a 4xx (but 408, 409, 425, 429) will not get better.
      state(input, DestinationRow.FAIL, null);
      throw ApplicationFailure.newNonRetryableFailure(
          relayed.destination() + " POST answered " + status + ": " + excerpt(row.response()),
          FailureTypes.DOWNSTREAM_REJECTED,
          status);
    }
    int limit = limit(input, schedule);
    if (number >= limit) {
      state(input, DestinationRow.FAIL, null);
      throw ApplicationFailure.newNonRetryableFailure(
          "Attempt " + number + " of " + limit + " failed (" + reason + ")",
          DeliveryFailures.EXHAUSTED);
    }
    Duration next =
        relayed == null
            ? nextDelay(schedule.delayBefore(number), retryAfter)
            : relayDelay(relayed, status, retryAfter);
    state(input, DestinationRow.PENDING, next == null ? null : clock.instant().plus(next));
    ApplicationFailure.Builder failure =
        ApplicationFailure.newBuilder()
            .setMessage(
                "Attempt "
                    + number
                    + (limit == Integer.MAX_VALUE ? "" : " of " + limit)
                    + " failed ("
                    + reason
                    + ")"
                    + (next == null ? "" : "; next in " + next))
            .setType(DeliveryFailures.ATTEMPT_FAILED);
    if (next != null) {
      failure.setNextRetryDelay(next.isZero() ? Duration.ofMillis(1) : next);
    }
    throw failure.build();
  }

  /** How many attempts the delivery makes: its schedule's, or its relay policy's (0: no limit). */
  private static int limit(DeliveryInput input, RetrySchedule schedule) {
    if (input.relayed() == null) {
      return schedule.attempts();
    }
    int attempts = input.relayed().policy().maximumAttempts();
    return attempts == 0 ? Integer.MAX_VALUE : attempts;
  }

  /**
   * A relay delivery waits as its policy backs off (Temporal's retry), unless a 429 or 503 names
   * its own delay with {@code Retry-After}, capped at the policy's maximum interval.
   */
  private static Duration relayDelay(Relayed relayed, int status, Duration retryAfter) {
    if (retryAfter == null || !ResponseClassifier.honoursRetryAfter(status)) {
      return null;
    }
    Duration cap = relayed.policy().maximumInterval();
    return retryAfter.compareTo(cap) > 0 ? cap : retryAfter;
  }

  /** The start of an answer for a failure message, on one line. */
  private static String excerpt(String response) {
    String text = response == null ? "" : response.replaceAll("\\s+", " ").trim();
    if (text.isEmpty()) {
      return "(empty body)";
    }
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  /** The schedule's delay, lengthened by a {@code Retry-After} up to twice the delay. */
  static Duration nextDelay(Duration scheduled, Duration retryAfter) {
    if (retryAfter == null || retryAfter.compareTo(scheduled) <= 0) {
      return scheduled;
    }
    Duration cap = scheduled.multipliedBy(2);
    return retryAfter.compareTo(cap) < 0 ? retryAfter : cap;
  }

  private void state(DeliveryInput input, int status, Instant nextAttempt) {
    destinations.set(
        input.appId(), input.msgId(), input.endpointId(), status, nextAttempt, clock.instant());
  }

  private static byte[] payload(MessageRow message) {
    return (message.payload() == null ? "{}" : message.payload()).getBytes(StandardCharsets.UTF_8);
  }

  /** The request's headers: the endpoint's own first, then the ones it may not replace. */
  Map<String, String> headers(MessageRow message, EndpointRow endpoint, Instant now, byte[] body) {
    Map<String, String> headers = custom(endpoint);
    long timestamp = now.getEpochSecond();
    String signature = signature(endpoint, message.id(), now, body);
    OutboundSettings.HeaderStyle style = settings.headerStyle();
    if (style != OutboundSettings.HeaderStyle.SVIX) {
      headers.put("webhook-id", message.id());
      headers.put("webhook-timestamp", Long.toString(timestamp));
      headers.put("webhook-signature", signature);
    }
    if (style != OutboundSettings.HeaderStyle.WEBHOOK) {
      headers.put("svix-id", message.id());
      headers.put("svix-timestamp", Long.toString(timestamp));
      headers.put("svix-signature", signature);
    }
    headers.put("User-Agent", settings.userAgent());
    return headers;
  }

  /**
   * A relay route's request, as relays always sent it: {@code webhook-id} is the webhook's {@code
   * <source>-<event id>} (the message's event id), so a receiver drops a repeat from a replay too;
   * {@code Hookflow-Source}, {@code Hookflow-Event-Type}, and an {@code Idempotency-Key} that is
   * the same on every attempt of the delivery.
   */
  Map<String, String> relayHeaders(
      MessageRow message,
      EndpointRow endpoint,
      Relayed relayed,
      String deliveryRun,
      Instant now,
      byte[] body) {
    Map<String, String> headers = custom(endpoint);
    String id = DownstreamHttp.headerSafe(message.eventId());
    headers.put("webhook-id", id);
    headers.put("webhook-timestamp", Long.toString(now.getEpochSecond()));
    headers.put("webhook-signature", signature(endpoint, id, now, body));
    headers.put("Hookflow-Source", relayed.source());
    headers.put("Hookflow-Event-Type", DownstreamHttp.headerSafe(relayed.eventType()));
    headers.put("Idempotency-Key", DownstreamHttp.headerSafe(deliveryRun));
    headers.put("User-Agent", settings.userAgent());
    return headers;
  }

  /** The endpoint's custom headers, but none that would replace the ones Hookflow sets. */
  private static Map<String, String> custom(EndpointRow endpoint) {
    Map<String, String> headers = new LinkedHashMap<>();
    try {
      JsonNode custom = JSON.readTree(endpoint.headers());
      for (Iterator<Map.Entry<String, JsonNode>> it = custom.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> header = it.next();
        if (!RESERVED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
          headers.put(header.getKey(), header.getValue().asText());
        }
      }
    } catch (IOException e) {
      // stored by the API as a JSON object; nothing to add otherwise
    }
    return headers;
  }

  /** {@code v1,<sig>} with the secret, and with the previous one while its grace period lasts. */
  private static String signature(EndpointRow endpoint, String id, Instant now, byte[] body) {
    long timestamp = now.getEpochSecond();
    String signature = StandardWebhooks.signing(endpoint.secret()).sign(id, timestamp, body);
    if (endpoint.previousSecret() != null
        && endpoint.previousSecretExpires() != null
        && now.isBefore(endpoint.previousSecretExpires())) {
      signature +=
          " " + StandardWebhooks.signing(endpoint.previousSecret()).sign(id, timestamp, body);
    }
    return signature;
  }
}
