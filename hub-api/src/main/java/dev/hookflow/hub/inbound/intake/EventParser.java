package dev.hookflow.hub.inbound.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookflow.hub.inbound.event.ParsedEvent;
import dev.hookflow.hub.inbound.expression.RequestValues;
import dev.hookflow.hub.inbound.source.Source;
import dev.hookflow.hub.inbound.verify.VerifiedWebhook;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import dev.hookflow.hub.platform.temporal.TemporalIds;
import java.time.Instant;
import java.util.Map;

/** Reads a verified webhook's event id and type per its source, once: the parse stage. */
final class EventParser {
  private EventParser() {}

  /**
   * @throws ProblemException {@code missing_event_id}, {@code missing_event_type}, {@code
   *     invalid_event_id}, {@code invalid_event_type} (the last three about the event read)
   */
  static ParsedEvent parse(
      Source source, VerifiedWebhook verified, JsonNode payload, Instant receivedAt) {
    RequestValues headerAndBody = new RequestValues(verified::header, payload, null);
    String eventId = source.eventId().evaluate(headerAndBody);
    if (eventId == null) {
      throw new ProblemException(
          ProblemCode.MISSING_EVENT_ID, "No event id at " + source.eventId() + " in this request");
    }
    try {
      String type = source.eventType().evaluate(headerAndBody);
      if (type == null) {
        throw new ProblemException(
            ProblemCode.MISSING_EVENT_TYPE,
            "No event type at " + source.eventType() + " in this request");
      }
      // Both go into search attributes (Temporal: 2 KB per value) and usually the workflow id.
      String badId = TemporalIds.invalidReason(eventId);
      if (badId != null) {
        throw new ProblemException(ProblemCode.INVALID_EVENT_ID, "The event id " + badId);
      }
      String badType = TemporalIds.invalidReason(type);
      if (badType != null) {
        throw new ProblemException(ProblemCode.INVALID_EVENT_TYPE, "The event type " + badType);
      }
      Map<String, String> fields =
          Map.of("source", source.name(), "eventId", eventId, "type", type);
      return new ParsedEvent(
          source.name(),
          eventId,
          type,
          payload,
          new RequestValues(verified::header, payload, fields::get),
          SafeHeaders.of(verified.headers()),
          verified.body().length,
          receivedAt.toString());
    } catch (ProblemException e) {
      throw e.aboutEvent(eventId);
    }
  }
}
