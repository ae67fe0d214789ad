package dev.hookflow.hub.inbound.route;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a {@code publish:} route makes of a verified event: a message of an application on the
 * sending side, delivered to that application's endpoints.
 *
 * @param app the application's uid (or id)
 * @param eventType the message's event type, a template (for example {@code github.{type}})
 * @param payload a JSON pointer into the event's payload; empty for the whole payload
 * @param eventId the message's event id, a template (default {@code {source}-{eventId}}): a repeat
 *     of the webhook is a repeat of the event id, so it is published once
 */
public record PublishSpec(
    String app, WorkflowIdTemplate eventType, String payload, WorkflowIdTemplate eventId) {

  /** At most this many characters in an event type or event id, as the API allows. */
  static final int MAX_NAME = 256;

  /** The message's payload: the node at the pointer, or null when the event has none there. */
  public JsonNode select(JsonNode body) {
    JsonNode node = payload.isEmpty() ? body : body.at(payload);
    return node.isMissingNode() ? null : node;
  }
}
