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
    List<RelaySpec> relay) {

  public Route {
    params = params == null ? Map.of() : Map.copyOf(params);
    relay = relay == null ? List.of() : List.copyOf(relay);
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
