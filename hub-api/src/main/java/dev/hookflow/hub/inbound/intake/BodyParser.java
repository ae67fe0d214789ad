package dev.hookflow.hub.inbound.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookflow.hub.inbound.verify.VerifiedWebhook;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import java.io.IOException;
import java.util.Map;

/** Parses a verified body once: JSON as sent, a form body as an object of its fields. */
final class BodyParser {
  private BodyParser() {}

  static boolean isJson(String contentType) {
    return contentType != null
        && (contentType.equals("application/json") || contentType.endsWith("+json"));
  }

  static JsonNode parse(ObjectMapper mapper, VerifiedWebhook webhook) {
    if (isJson(webhook.contentType())) {
      try {
        JsonNode node = mapper.readTree(webhook.body());
        if (node == null || node.isMissingNode()) {
          throw malformed("The JSON body is empty");
        }
        return node;
      } catch (JsonProcessingException e) {
        throw malformed("The body is not valid JSON (line " + e.getLocation().getLineNr() + ")");
      } catch (IOException e) {
        throw malformed("The body is not valid JSON");
      }
    }
    ObjectNode form = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, String> field : webhook.formFields()) {
      JsonNode existing = form.get(field.getKey());
      if (existing == null) {
        form.put(field.getKey(), field.getValue());
      } else if (existing instanceof ArrayNode array) {
        array.add(field.getValue());
      } else {
        form.putArray(field.getKey()).add(existing).add(field.getValue());
      }
    }
    return form;
  }

  private static ProblemException malformed(String detail) {
    return new ProblemException(ProblemCode.MALFORMED_BODY, detail);
  }
}
