package dev.hookflow.workflows.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The envelope every Hookflow workflow receives: one verified webhook delivery.
 *
 * <p>Built by the hub only after the signature was verified. {@code headers} holds only headers
 * that are safe to show (signature, token and authorization headers are dropped); {@code payload}
 * is the parsed body (JSON as sent, a form body as an object of its fields).
 *
 * @param source the source name, as in {@code POST /webhooks/{source}}
 * @param eventId the sender's event id; a repeat of it is the same event
 * @param type the event type, for example {@code checkout.session.completed}
 * @param receivedAt ISO-8601 instant the hub received the request
 * @param route the route that delivered this event to the workflow
 * @param headers safe request headers, lower-case names
 * @param payload the parsed body
 * @param params the route's {@code params}: settings for the workflow, such as a timeout
 */
public record WebhookEvent(
    String source,
    String eventId,
    String type,
    String receivedAt,
    String route,
    Map<String, String> headers,
    JsonNode payload,
    Map<String, String> params) {

  public WebhookEvent {
    params = params == null ? Map.of() : Map.copyOf(params);
  }

  /** An event delivered by a route without params. */
  public WebhookEvent(
      String source,
      String eventId,
      String type,
      String receivedAt,
      String route,
      Map<String, String> headers,
      JsonNode payload) {
    this(source, eventId, type, receivedAt, route, headers, payload, Map.of());
  }

  /** The route parameter, or {@code fallback} when the route does not set it. */
  public String param(String name, String fallback) {
    String value = params.get(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** The text at a JSON pointer of the payload, or null when absent. */
  public String text(String pointer) {
    JsonNode node = payload == null ? null : payload.at(pointer);
    return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  /** The key that identifies this event across redeliveries: {@code source/eventId}. */
  public String key() {
    return source + "/" + eventId;
  }
}
