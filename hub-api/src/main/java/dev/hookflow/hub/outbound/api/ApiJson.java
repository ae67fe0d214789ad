package dev.hookflow.hub.outbound.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import dev.hookflow.store.Page;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/** JSON in and out of the management API, on the hub's one Jackson {@link ObjectMapper}. */
@Singleton
public class ApiJson {
  private final ObjectMapper mapper;

  public ApiJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  /** The request body as a JSON object, or 400 {@code malformed_body}. */
  public Fields fields(String body) {
    JsonNode node;
    try {
      node = body == null || body.isBlank() ? null : mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ProblemException(
          ProblemCode.MALFORMED_BODY, "The body is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new ProblemException(ProblemCode.MALFORMED_BODY, "The body must be a JSON object");
    }
    return new Fields((ObjectNode) node);
  }

  public ObjectNode object() {
    return mapper.createObjectNode();
  }

  public ArrayNode array() {
    return mapper.createArrayNode();
  }

  /** Parses JSON the hub stored itself. */
  public JsonNode read(String stored) {
    if (stored == null) {
      return mapper.nullNode();
    }
    try {
      return mapper.readTree(stored);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON does not parse", e);
    }
  }

  public String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public ArrayNode names(String[] names) {
    if (names == null) {
      return null;
    }
    ArrayNode out = array();
    for (String name : names) {
      out.add(name);
    }
    return out;
  }

  public ObjectNode stringMap(Map<String, String> map) {
    ObjectNode out = object();
    map.forEach(out::put);
    return out;
  }

  public static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** A list answer: {@code {data, iterator, prevIterator, done}}. */
  public <T> ObjectNode list(Page<T> page, Function<T, JsonNode> out) {
    ObjectNode list = object();
    ArrayNode data = list.putArray("data");
    page.data().forEach(row -> data.add(out.apply(row)));
    list.put("iterator", page.iterator());
    list.put("prevIterator", page.prevIterator());
    list.put("done", page.done());
    return list;
  }
}
