package dev.hookflow.hub.inbound.dispatch;

import dev.hookflow.hub.inbound.route.Route;
import dev.hookflow.workflows.event.MemoKeys;
import dev.hookflow.workflows.event.SearchAttributeNames;
import dev.hookflow.workflows.event.WebhookEvent;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import java.util.Map;

/**
 * The options of every run the hub starts: id policies, search attributes, the memo that visibility
 * readers use, and the summary and details the Temporal Web UI shows.
 */
public final class RunOptions {
  /** Memo key naming how the run's event was delivered ({@code started}, {@code signaled}, ...). */
  public static final String MEMO_DELIVERY = MemoKeys.DELIVERY;

  /** Memo key of a record run: the workflow id the event was meant for. */
  public static final String MEMO_TARGET = "target";

  /** Memo keys of a record run kept for a start route: what a replay starts at the target. */
  public static final String MEMO_TARGET_TYPE = "targetType";

  public static final String MEMO_TARGET_TASK_QUEUE = "targetTaskQueue";

  static final SearchAttributeKey<String> SOURCE =
      SearchAttributeKey.forKeyword(SearchAttributeNames.SOURCE);
  static final SearchAttributeKey<String> EVENT_TYPE =
      SearchAttributeKey.forKeyword(SearchAttributeNames.EVENT_TYPE);
  static final SearchAttributeKey<String> EVENT_ID =
      SearchAttributeKey.forKeyword(SearchAttributeNames.EVENT_ID);
  static final SearchAttributeKey<String> DELIVERY =
      SearchAttributeKey.forKeyword(SearchAttributeNames.DELIVERY);

  private final String defaultTaskQueue;

  RunOptions(String defaultTaskQueue) {
    this.defaultTaskQueue = defaultTaskQueue;
  }

  WorkflowOptions options(Route route, String workflowId, WebhookEvent event, int payloadBytes) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(route.taskQueue() == null ? defaultTaskQueue : route.taskQueue())
        // A closed run's id is not reused: a start is one event's workflow, and a signal-with-start
        // target reopens its id only for an event the closed run did not hold (signalWithStart).
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setWorkflowIdConflictPolicy(
            route.action() == Route.Action.START
                ? WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL
                : WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setTypedSearchAttributes(
            searchAttributes(
                event,
                route.action() == Route.Action.START
                    ? Delivery.Outcome.STARTED
                    : Delivery.Outcome.SIGNALED))
        .setMemo(memo(route, event, Delivery.Outcome.STARTED))
        .setStaticSummary(event.source() + " " + event.type() + " " + event.eventId())
        .setStaticDetails(details(route, event, payloadBytes))
        // Eager start: when this process runs a worker on the route's task queue with a free slot
        // (role all), Temporal answers the start with the run's first workflow task, which the
        // worker here executes at once: no trip through matching, no poll. The start is committed
        // before the answer either way; without a local worker the SDK does not ask for it.
        .setDisableEagerExecution(false)
        .build();
  }

  static io.temporal.common.SearchAttributes searchAttributes(
      WebhookEvent event, Delivery.Outcome how) {
    return io.temporal.common.SearchAttributes.newBuilder()
        .set(SOURCE, event.source())
        .set(EVENT_TYPE, event.type())
        .set(EVENT_ID, event.eventId())
        .set(DELIVERY, how.wire())
        .build();
  }

  /**
   * The memo of a run the hub starts. {@code delivery} tells visibility readers what the event did
   * to it: a signal-with-start or a record route starts a run that is not a plain start.
   */
  static Map<String, Object> memo(Route route, WebhookEvent event, Delivery.Outcome how) {
    return Map.of(
        MemoKeys.ROUTE,
        route.name(),
        MemoKeys.SOURCE,
        event.source(),
        MemoKeys.EVENT_ID,
        event.eventId(),
        MEMO_DELIVERY,
        how.wire());
  }

  static String details(Route route, WebhookEvent event, int payloadBytes) {
    StringBuilder out = new StringBuilder();
    out.append("**Received** ").append(event.receivedAt()).append("  \n");
    out.append("**Route** ").append(route.name()).append("  \n");
    out.append("**Payload** ").append(payloadBytes).append(" bytes  \n");
    event
        .headers()
        .forEach(
            (name, value) ->
                out.append("`").append(name).append("`: ").append(value).append("  \n"));
    return out.toString();
  }
}
