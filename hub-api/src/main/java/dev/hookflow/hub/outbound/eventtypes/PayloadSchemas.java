package dev.hookflow.hub.outbound.eventtypes;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An event type's JSON Schemas ({@code schemas}: one per version key, for example {@code "1"}):
 * payloads are validated against the highest version, draft 2020-12 unless the schema's {@code
 * $schema} names another. Remote {@code $ref}s are never fetched.
 */
public final class PayloadSchemas {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
  private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

  private PayloadSchemas() {}

  /** The schema of the highest version key (numeric keys compare as numbers), or null. */
  static JsonNode newest(JsonNode schemas) {
    if (schemas == null || !schemas.isObject() || schemas.isEmpty()) {
      return null;
    }
    String best = null;
    for (Iterator<String> it = schemas.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (best == null || compareVersions(key, best) > 0) {
        best = key;
      }
    }
    return schemas.get(best);
  }

  static int compareVersions(String a, String b) {
    try {
      return Long.compare(Long.parseLong(a), Long.parseLong(b));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }

  /** Problems with the schemas themselves (each must be an object that compiles). */
  public static List<String> problems(JsonNode schemas) {
    List<String> problems = new ArrayList<>();
    if (!schemas.isObject()) {
      problems.add("schemas must be an object of version -> JSON Schema");
      return problems;
    }
    schemas
        .fields()
        .forEachRemaining(
            entry -> {
              if (!entry.getValue().isObject()) {
                problems.add("schema " + entry.getKey() + " is not an object");
                return;
              }
              try {
                REGISTRY.getSchema(entry.getValue());
              } catch (RuntimeException e) {
                problems.add("schema " + entry.getKey() + " does not compile: " + e.getMessage());
              }
            });
    return problems;
  }

  /**
   * Validates a payload against the newest schema of {@code schemas}; 422 {@code
   * payload_schema_mismatch} listing each violation by JSON pointer.
   */
  public static void validate(String eventType, JsonNode schemas, JsonNode payload) {
    JsonNode newest = newest(schemas);
    if (newest == null) {
      return;
    }
    Schema schema = COMPILED.computeIfAbsent(newest.toString(), key -> REGISTRY.getSchema(newest));
    List<Error> errors = schema.validate(payload);
    if (errors.isEmpty()) {
      return;
    }
    List<ProblemException.ValidationError> out = new ArrayList<>();
    for (Error error : errors) {
      String pointer = pointer(error);
      out.add(
          new ProblemException.ValidationError(
              List.of("body", "payload" + pointer), error.getMessage(), error.getKeyword()));
    }
    throw ProblemException.invalid(
        ProblemCode.PAYLOAD_SCHEMA_MISMATCH,
        "The payload does not match the schema of event type " + eventType,
        out);
  }

  /** The failing value's place as a JSON pointer ("" for the payload itself). */
  static String pointer(Error error) {
    var path = error.getInstanceLocation();
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      pointer
          .append('/')
          .append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
    }
    return pointer.toString();
  }
}
