package dev.hookflow.activities.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookflow.workflows.policy.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;

/** Request bodies and answer fields, with Jackson (the one JSON stack). */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A value as JSON text (a map of headers, a payload). */
  public static String text(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The text field {@code field} of a JSON answer.
   *
   * @throws ApplicationFailure non-retryable {@code DownstreamBadAnswer} when it is missing
   */
  public static String required(DownstreamHttp.Answer answer, String field, String call) {
    String value = optional(answer, field);
    if (value == null || value.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          call + " answered " + answer.status() + " without '" + field + "': " + answer.excerpt(),
          FailureTypes.DOWNSTREAM_BAD_ANSWER);
    }
    return value;
  }

  /** The text field {@code field} of a JSON answer, or null. */
  public static String optional(DownstreamHttp.Answer answer, String field) {
    try {
      JsonNode node = answer.body().length == 0 ? null : MAPPER.readTree(answer.body()).get(field);
      return node == null || node.isNull() ? null : node.asText();
    } catch (IOException e) {
      return null;
    }
  }
}
