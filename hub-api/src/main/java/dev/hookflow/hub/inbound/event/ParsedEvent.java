package dev.hookflow.hub.inbound.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookflow.hub.inbound.expression.RequestValues;
import java.util.Map;

/**
 * A verified webhook read once: its source, event id and type, the parsed payload, the headers that
 * may travel into Temporal, and the view expressions read (headers, payload, event fields). The
 * stage after verification; routing and dispatch take this, never the raw request.
 *
 * @param values what route conditions and workflow-id templates read
 * @param safeHeaders headers without credentials or signatures
 * @param bodyBytes the size of the body as received
 * @param receivedAt ISO-8601 instant of receipt
 */
public record ParsedEvent(
    String source,
    String eventId,
    String type,
    JsonNode payload,
    RequestValues values,
    Map<String, String> safeHeaders,
    int bodyBytes,
    String receivedAt) {}
