package dev.hookflow.hub.route;

import dev.hookflow.hub.extract.RequestValues;
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
 * @param ifNotRunning what a signal route does when its workflow is not running
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
    IfNotRunning ifNotRunning) {

  public Route {
    params = params == null ? Map.of() : Map.copyOf(params);
    relay = relay == null ? List.of() : List.copyOf(relay);
    ifNotRunning = ifNotRunning == null ? IfNotRunning.REJECT : ifNotRunning;
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
   * The workflow id of the {@code EventLog} run that keeps an event this signal route could not
   * deliver: the target's id, the signal and the event id, so a repeat of the event finds it.
   */
  public String recordId(String targetWorkflowId, String eventId) {
    return targetWorkflowId + "-" + signal + "-" + eventId;
  }

  public boolean isRelay() {
    return !relay.isEmpty();
  }

  /** What a route does with an event. */
  public enum Action {
    START,
    SIGNAL,
    SIGNAL_WITH_START
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
