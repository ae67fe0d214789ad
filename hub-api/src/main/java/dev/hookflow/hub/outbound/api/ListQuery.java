package dev.hookflow.hub.outbound.api;

import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import io.micronaut.http.HttpRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list request's paging ({@code limit}, default 50, at most 250; {@code iterator}; {@code order},
 * {@code descending} (newest first) by default) and its common filters.
 */
public record ListQuery(int limit, String iterator, boolean ascending, HttpRequest<?> request) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 250;

  public static ListQuery of(HttpRequest<?> request) {
    var params = request.getParameters();
    int limit = DEFAULT_LIMIT;
    String given = params.get("limit");
    if (given != null && !given.isBlank()) {
      try {
        limit = Integer.parseInt(given.trim());
      } catch (NumberFormatException e) {
        throw invalid("limit", "value is not a valid integer");
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw invalid("limit", "ensure this value is between 1 and " + MAX_LIMIT);
      }
    }
    String order = params.get("order");
    boolean ascending;
    if (order == null || order.isBlank() || order.equals("descending")) {
      ascending = false;
    } else if (order.equals("ascending")) {
      ascending = true;
    } else {
      throw invalid("order", "value is not one of ascending, descending");
    }
    String iterator = params.get("iterator");
    return new ListQuery(
        limit, iterator == null || iterator.isBlank() ? null : iterator, ascending, request);
  }

  public String param(String name) {
    String value = request.getParameters().get(name);
    return value == null || value.isBlank() ? null : value;
  }

  public boolean flag(String name, boolean otherwise) {
    String value = param(name);
    return value == null ? otherwise : Boolean.parseBoolean(value);
  }

  /** Every value of a repeatable parameter ({@code event_types=a&event_types=b}, or a,b). */
  public List<String> all(String name) {
    List<String> out = new ArrayList<>();
    for (String value : request.getParameters().getAll(name)) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  public Instant time(String name) {
    String value = param(name);
    if (value == null) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(name, "invalid datetime format");
    }
  }

  public Integer integer(String name) {
    String value = param(name);
    if (value == null) {
      return null;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw invalid(name, "value is not a valid integer");
    }
  }

  static ProblemException invalid(String param, String message) {
    return ProblemException.invalid(
        ProblemCode.VALIDATION,
        "Query parameters invalid",
        List.of(
            new ProblemException.ValidationError(List.of("query", param), message, "value_error")));
  }
}
