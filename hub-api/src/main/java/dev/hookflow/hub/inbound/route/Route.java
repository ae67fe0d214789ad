package dev.hookflow.hub.inbound.route;

import dev.hookflow.hub.inbound.expression.RequestValues;
import java.util.List;
import java.util.Map;

/**
 * One configured route: which events it takes and what it does with them.
 *
 * @param name shown in responses and in the workflow's details
 * @param source a source name or {@code *}
 * @param events event-type globs; any may match
 * @param conditions all must hold
 * @param action start, signal or signal-with-start
 * @param workflowType the workflow type to start (start, signal-with-start)
 * @param signal the signal name (signal, signal-with-start)
 * @param workflowId the workflow id template
 * @param taskQueue the task queue for starts, or null for the hub's
 * @param params settings handed to the workflow in {@code WebhookEvent.params}
 * @param relay the destinations of a relay route (which starts {@code Relay}); empty otherwise
 * @param publish what a publish route makes of the event; null for other actions
 * @param ifNotRunning what a signal route does when its workflow is not running
 * @param ifExists what a start route does when its workflow id is held by a run of another event
 */
public record Route(
    String name,
    String source,
    List<Glob> events,
    List<Condition> conditions,
    Action action,
    String workflowType,
    String signal,
    WorkflowIdTemplate workflowId,
    String taskQueue,
    Map<String, String> params,
    List<RelaySpec> relay,
    PublishSpec publish,
    IfNotRunning ifNotRunning,
    IfExists ifExists) {

  public Route {
    params = params == null ? Map.of() : Map.copyOf(params);
    relay = relay == null ? List.of() : List.copyOf(relay);
    ifNotRunning = ifNotRunning == null ? IfNotRunning.REJECT : ifNotRunning;
    ifExists = ifExists == null ? IfExists.RECORD : ifExists;
  }

  /**
   * What a {@code start} route does when its workflow id already has a run that another event
   * started (an id keyed by an entity, such as {@code order-{/order/id}}, that a second event type
   * of the same order reaches). A repeat of the event that started the run is a duplicate instead.
   *
   * @param mode record (default), reject or signal
   * @param signal the signal name when {@code mode} is {@link Mode#SIGNAL}
   */
  public record IfExists(Mode mode, String signal) {
    /** Keep the event in an {@code EventLog} run of its own and answer 202 {@code recorded}. */
    public static final IfExists RECORD = new IfExists(Mode.RECORD, null);

    /** Answer {@code 409 workflow_exists}; the sender retries. */
    public static final IfExists REJECT = new IfExists(Mode.REJECT, null);

    public enum Mode {
      RECORD,
      REJECT,
      SIGNAL
    }

    /** The configuration form: {@code record}, {@code reject} or {@code signal:<name>}. */
    @Override
    public String toString() {
      return mode == Mode.SIGNAL
          ? "signal:" + signal
          : mode.name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * What a {@code signal} route does when no run of its workflow is open (never started, or already
   * closed, as for a refund that arrives after the order was fulfilled).
   */
  public enum IfNotRunning {
    /** Answer {@code 409 workflow_not_found}; the sender retries (the workflow may start soon). */
    REJECT,
    /** Keep the event in its own {@code EventLog} workflow and answer 202 {@code recorded}. */
    RECORD
  }

  /**
   * The workflow id of the {@code EventLog} run that keeps an event this route could not deliver:
   * the target's id, the signal (or {@code held} for a start route whose id another event holds)
   * and the event id, so a repeat of the event finds it. When that would pass Temporal's 1,000-byte
   * limit (both parts come from the event), the id is {@code <signal>-<SHA-256 of both>} instead:
   * as deterministic, and the search attributes still name the event.
   */
  public String recordId(String targetWorkflowId, String eventId) {
    String id = targetWorkflowId + "-" + recordSignal() + "-" + eventId;
    if (id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 1000) {
      return id;
    }
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(
                  (targetWorkflowId + "\n" + eventId)
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      String signal = recordSignal();
      if (signal.length() > 200) {
        signal = signal.substring(0, 200);
      }
      return signal + "-" + java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String recordSignal() {
    if (action == Action.START) {
      return ifExists.mode() == IfExists.Mode.SIGNAL ? ifExists.signal() : "held";
    }
    return signal;
  }

  /**
   * One line for the start-up log, for example {@code orders: stripe [checkout.session.*] -> start
   * OrderFulfillment as order-{/data/object/metadata/order_id} (if-exists: record)}.
   */
  public String describe() {
    String what =
        switch (action) {
          case START ->
              isRelay()
                  ? "relay to " + relay.stream().map(RelaySpec::name).toList()
                  : "start " + workflowType;
          case SIGNAL -> "signal " + signal;
          case SIGNAL_WITH_START ->
              "signal-with-start " + workflowType + " (signal " + signal + ")";
          case PUBLISH -> "publish to app " + publish.app() + " as " + publish.eventType();
        };
    String when = conditions.isEmpty() ? "" : " when " + conditions;
    String extra =
        switch (action) {
          case START -> " (if-exists: " + ifExists + ")";
          case SIGNAL ->
              " (if-not-running: " + ifNotRunning.name().toLowerCase(java.util.Locale.ROOT) + ")";
          case SIGNAL_WITH_START, PUBLISH -> "";
        };
    return name
        + ": "
        + source
        + " "
        + events
        + when
        + " -> "
        + what
        + (action == Action.PUBLISH ? ", event id " + publish.eventId() : " as " + workflowId)
        + (taskQueue == null ? "" : " on " + taskQueue)
        + extra;
  }

  public boolean isRelay() {
    return !relay.isEmpty();
  }

  /** What a route does with an event. */
  public enum Action {
    START,
    SIGNAL,
    SIGNAL_WITH_START,
    /** Store the event as a message of an application and dispatch it to its endpoints. */
    PUBLISH
  }

  public boolean matches(String eventSource, String type, RequestValues values) {
    if (!source.equals("*") && !source.equals(eventSource)) {
      return false;
    }
    if (events.stream().noneMatch(glob -> glob.matches(type))) {
      return false;
    }
    return conditions.stream().allMatch(condition -> condition.test(values));
  }
}
