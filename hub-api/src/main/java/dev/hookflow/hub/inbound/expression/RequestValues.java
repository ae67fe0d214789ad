package dev.hookflow.hub.inbound.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/**
 * What an expression can read from a verified request: headers (by name, case-insensitive), the
 * parsed payload (by JSON pointer) and named event fields ({@code source}, {@code eventId}, {@code
 * type}).
 */
public record RequestValues(
    Function<String, String> headers, JsonNode payload, Function<String, String> fields) {

  /** The text at a JSON pointer, or null when absent, null or a container. */
  public String pointer(String pointer) {
    if (payload == null) {
      return null;
    }
    JsonNode node = payload.at(pointer);
    if (node.isMissingNode() || node.isNull() || node.isContainerNode()) {
      return null;
    }
    String text = node.asText();
    return text.isEmpty() ? null : text;
  }
}
