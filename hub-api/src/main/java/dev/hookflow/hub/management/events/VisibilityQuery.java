package dev.hookflow.hub.management.events;

import dev.hookflow.hub.inbound.dispatch.Delivery;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import dev.hookflow.workflows.event.SearchAttributeNames;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A Temporal visibility query over the search attributes the hub sets: the one place that quotes
 * values and knows the {@code status} vocabulary of {@code GET /events}.
 */
public final class VisibilityQuery {
  /** The {@code status} filter of events that were recorded instead of delivered. */
  static final String RECORDED = "recorded";

  private static final Map<String, String> STATUSES =
      Map.of(
          "running", "Running",
          "completed", "Completed",
          "failed", "Failed",
          "canceled", "Canceled",
          "terminated", "Terminated",
          "timed_out", "TimedOut",
          "continued_as_new", "ContinuedAsNew");

  private final List<String> clauses = new ArrayList<>();

  private VisibilityQuery(String first) {
    clauses.add(first);
  }

  /** Every workflow the hub started. */
  public static VisibilityQuery hubWorkflows() {
    return new VisibilityQuery(SearchAttributeNames.SOURCE + " IS NOT NULL");
  }

  /** The workflows of one event. */
  public static String forEvent(String source, String eventId) {
    return new VisibilityQuery(SearchAttributeNames.SOURCE + " = " + quote(source))
        .and(SearchAttributeNames.EVENT_ID + " = " + quote(eventId))
        .build();
  }

  public VisibilityQuery source(String source) {
    return source == null ? this : and(SearchAttributeNames.SOURCE + " = " + quote(source));
  }

  public VisibilityQuery type(String type) {
    return type == null ? this : and(SearchAttributeNames.EVENT_TYPE + " = " + quote(type));
  }

  /**
   * {@code recorded} (kept undelivered) or a run status.
   *
   * @throws ProblemException {@code bad_request} naming the known values
   */
  public VisibilityQuery status(String status) {
    if (status == null) {
      return this;
    }
    if (status.equalsIgnoreCase(RECORDED)) {
      return and(SearchAttributeNames.DELIVERY + " = " + quote(Delivery.Outcome.RECORDED.wire()));
    }
    String value = STATUSES.get(status.toLowerCase(Locale.ROOT));
    if (value == null) {
      TreeSet<String> known = new TreeSet<>(STATUSES.keySet());
      known.add(RECORDED);
      throw new ProblemException(ProblemCode.BAD_REQUEST, "status must be one of " + known);
    }
    return and("ExecutionStatus = " + quote(value));
  }

  /**
   * Runs started at or after an ISO-8601 instant.
   *
   * @throws ProblemException {@code bad_request} for another format
   */
  public VisibilityQuery since(String since) {
    if (since == null) {
      return this;
    }
    try {
      return and("StartTime >= " + quote(Instant.parse(since).toString()));
    } catch (DateTimeParseException e) {
      throw new ProblemException(
          ProblemCode.BAD_REQUEST,
          "since must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
    }
  }

  private VisibilityQuery and(String clause) {
    clauses.add(clause);
    return this;
  }

  public String build() {
    return String.join(" AND ", clauses);
  }

  /** A string literal for a visibility query. */
  static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
