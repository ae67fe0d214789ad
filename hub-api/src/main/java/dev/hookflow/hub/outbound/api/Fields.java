package dev.hookflow.hub.outbound.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the fields of one request body and collects every problem, so that a 422 names all of them
 * at once ({@link #check()}), in the Svix API's {@code {loc, msg, type}} shape.
 *
 * <p>Three states per field, as JSON merge-patch needs them: absent ({@link #has} false), {@code
 * null}, or a value.
 */
public final class Fields {
  /** Ids, uids, event type names and channels: what the reference allows. */
  public static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9\\-_.]+$");

  private final ObjectNode body;
  private final List<ProblemException.ValidationError> errors = new ArrayList<>();

  public Fields(ObjectNode body) {
    this.body = body;
  }

  public ObjectNode body() {
    return body;
  }

  public boolean has(String... names) {
    for (String name : names) {
      if (body.has(name)) {
        return true;
      }
    }
    return false;
  }

  /** Present and {@code null}. */
  public boolean isNull(String... names) {
    for (String name : names) {
      if (body.has(name)) {
        return body.get(name).isNull();
      }
    }
    return false;
  }

  public void fail(String field, String message, String type) {
    errors.add(new ProblemException.ValidationError(List.of("body", field), message, type));
  }

  /** A string; null when absent or null (and reported when required). */
  public String string(String field, boolean required, int maxLength, Pattern pattern) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        fail(field, "field required", "value_error.missing");
      }
      return null;
    }
    if (!node.isTextual()) {
      fail(field, "str type expected", "type_error.str");
      return null;
    }
    String value = node.asText();
    if (required && value.isEmpty()) {
      fail(field, "ensure this value has at least 1 characters", "value_error.any_str.min_length");
    } else if (value.length() > maxLength) {
      fail(
          field,
          "ensure this value has at most " + maxLength + " characters",
          "value_error.any_str.max_length");
    } else if (pattern != null && !value.isEmpty() && !pattern.matcher(value).matches()) {
      fail(
          field,
          "string does not match regex \"" + pattern.pattern() + "\"",
          "value_error.str.regex");
    }
    return value;
  }

  public Boolean bool(String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      fail(field, "value could not be parsed to a boolean", "type_error.bool");
      return null;
    }
    return node.booleanValue();
  }

  /** A non-negative integer under any of the given names (the first present wins). */
  public Integer integer(String... names) {
    for (String field : names) {
      JsonNode node = body.get(field);
      if (node == null) {
        continue;
      }
      if (node.isNull()) {
        return null;
      }
      if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < 0) {
        fail(field, "value is not a valid non-negative integer", "type_error.integer");
        return null;
      }
      return node.intValue();
    }
    return null;
  }

  /** A list of names under any of the given names; null when absent or null. */
  public String[] names(int maxItems, String... names) {
    for (String field : names) {
      JsonNode node = body.get(field);
      if (node == null) {
        continue;
      }
      if (node.isNull()) {
        return null;
      }
      if (!node.isArray()) {
        fail(field, "value is not a valid list", "type_error.list");
        return null;
      }
      if (node.size() > maxItems) {
        fail(
            field,
            "ensure this value has at most " + maxItems + " items",
            "value_error.list.max_items");
        return null;
      }
      List<String> out = new ArrayList<>();
      for (JsonNode item : node) {
        if (!item.isTextual()
            || item.asText().isEmpty()
            || item.asText().length() > 128
            || !NAME.matcher(item.asText()).matches()) {
          fail(
              field,
              "items must be names matching \"" + NAME.pattern() + "\"",
              "value_error.str.regex");
          return null;
        }
        if (!out.contains(item.asText())) {
          out.add(item.asText());
        }
      }
      return out.isEmpty() ? null : out.toArray(String[]::new);
    }
    return null;
  }

  /** An object whose values are strings (metadata, headers); null when absent or null. */
  public Map<String, String> stringMap(String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      fail(field, "value is not a valid dict", "type_error.dict");
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getValue().isTextual()) {
        fail(field, "values must be strings", "type_error.str");
        return null;
      }
      out.put(entry.getKey(), entry.getValue().asText());
    }
    return out;
  }

  /** Throws a 422 listing every problem found so far. */
  public void check() {
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(ProblemCode.VALIDATION, "Request fields invalid", errors);
    }
  }
}
