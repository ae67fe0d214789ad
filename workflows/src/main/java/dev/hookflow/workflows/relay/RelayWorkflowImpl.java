package dev.hookflow.workflows.relay;

import dev.hookflow.workflows.delivery.AttemptOutcome;
import dev.hookflow.workflows.delivery.DeliveryInput;
import dev.hookflow.workflows.delivery.DeliveryWorkflow;
import dev.hookflow.workflows.delivery.Relayed;
import dev.hookflow.workflows.event.SearchAttributeNames;
import dev.hookflow.workflows.policy.FailureTypes;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * See {@link RelayWorkflow}.
 *
 * <p>Since version 1 of {@link #AS_DELIVERIES} each destination is a child {@code Delivery}
 * workflow, the one that delivers published messages: the event is stored as a message of the
 * route's application, and every attempt is an attempt row ({@code /api/v1/app/relay-<route>/...}).
 * Runs started before the change replay their {@code Deliver} activities.
 */
public class RelayWorkflowImpl implements RelayWorkflow {

  /** The change id of relaying through one {@code Delivery} workflow per destination. */
  public static final String AS_DELIVERIES = "relay-as-deliveries";

  private final RelayActivities local = Workflow.newLocalActivityStub(RelayActivities.class);

  @Override
  public RelayResult relay(RelayInput input) {
    List<RelayTarget> targets = input.pending();
    if (targets.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Route " + input.event().route() + " has no relay destinations",
          FailureTypes.INVALID_EVENT);
    }
    Workflow.setCurrentDetails(
        "Relaying "
            + input.event().key()
            + " to "
            + targets.size()
            + " destination(s)"
            + (input.delivered().isEmpty()
                ? ""
                : " (already delivered: " + String.join(", ", input.delivered()) + ")"));
    int version = Workflow.getVersion(AS_DELIVERIES, Workflow.DEFAULT_VERSION, 1);
    List<Promise<DeliveryReceipt>> pending =
        version == Workflow.DEFAULT_VERSION
            ? byActivities(input, targets)
            : byDeliveries(input, targets);
    List<DeliveryReceipt> receipts = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      String name = targets.get(i).name();
      try {
        receipts.add(pending.get(i).get());
      } catch (ActivityFailure | ChildWorkflowFailure | ApplicationFailure e) {
        failed.add(name + ": " + FailureTypes.reasonOf(e));
      }
    }
    if (!failed.isEmpty()) {
      // Dead letters, one per destination that will not get the event (replay sends it later).
      Workflow.getMetricsScope().counter("hookflow_dead_letters").inc(failed.size());
      String reason =
          "Relay of "
              + input.event().key()
              + " failed for "
              + failed.size()
              + " of "
              + pending.size()
              + " destination(s): "
              + String.join("; ", failed);
      Workflow.setCurrentDetails("Dead letter: " + reason);
      throw ApplicationFailure.newNonRetryableFailure(reason, FailureTypes.RELAY_FAILED);
    }
    Workflow.setCurrentDetails("Delivered to " + receipts.size() + " destination(s)");
    return new RelayResult(receipts);
  }

  /**
   * One child {@code Delivery} per destination, named {@code <this workflow's id>/<destination>} (a
   * replay starts it again under the same id), retried on the destination's policy.
   */
  private List<Promise<DeliveryReceipt>> byDeliveries(RelayInput input, List<RelayTarget> targets) {
    PreparedRelay prepared = local.prepare(input.event().route(), input.event());
    String parent = Workflow.getInfo().getWorkflowId();
    List<Promise<DeliveryReceipt>> pending = new ArrayList<>();
    for (RelayTarget target : targets) {
      String endpointId = prepared.endpoints().get(target.name());
      if (endpointId == null) {
        // Configuration changed since this run started (a replay of an old dead letter).
        pending.add(
            Workflow.newFailedPromise(
                ApplicationFailure.newNonRetryableFailure(
                    "Route "
                        + input.event().route()
                        + " has no relay destination '"
                        + target.name()
                        + "' in the hub's configuration",
                    FailureTypes.DOWNSTREAM_NOT_CONFIGURED)));
        continue;
      }
      ChildWorkflowOptions options =
          ChildWorkflowOptions.newBuilder()
              .setWorkflowId(parent + "/" + target.name())
              .setWorkflowIdReusePolicy(
                  WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
              .setTypedSearchAttributes(
                  SearchAttributes.newBuilder()
                      .set(
                          SearchAttributeKey.forKeyword(SearchAttributeNames.APP), prepared.appId())
                      .set(SearchAttributeKey.forKeyword(SearchAttributeNames.ENDPOINT), endpointId)
                      .set(
                          SearchAttributeKey.forKeyword(SearchAttributeNames.EVENT_TYPE),
                          input.event().type())
                      .build())
              .setStaticSummary(
                  "Relay " + input.event().key() + " to " + target.name() + " (" + endpointId + ")")
              .build();
      DeliveryWorkflow delivery = Workflow.newChildWorkflowStub(DeliveryWorkflow.class, options);
      DeliveryInput deliveryInput =
          new DeliveryInput(
              prepared.appId(),
              prepared.msgId(),
              endpointId,
              null,
              false,
              prepared.attemptTimeoutSeconds(),
              new Relayed(
                  input.event().route(),
                  target.name(),
                  input.event().source(),
                  input.event().type(),
                  target.policy()));
      Promise<AttemptOutcome> outcome = Async.function(delivery::deliver, deliveryInput);
      pending.add(
          outcome.thenApply(
              done ->
                  new DeliveryReceipt(
                      target.name(), done.statusCode(), prepared.webhookId(), done.attempt())));
    }
    return pending;
  }

  /** Runs started before {@link #AS_DELIVERIES}: one {@code Deliver} activity per destination. */
  private static List<Promise<DeliveryReceipt>> byActivities(
      RelayInput input, List<RelayTarget> targets) {
    List<Promise<DeliveryReceipt>> pending = new ArrayList<>();
    for (RelayTarget target : targets) {
      ActivityOptions options =
          target.policy().activityOptions().toBuilder()
              .setSummary("POST relay " + target.name() + " (" + target.policy().name() + ")")
              .build();
      RelayActivities activities = Workflow.newActivityStub(RelayActivities.class, options);
      pending.add(
          Async.function(
              activities::deliver,
              new RelayDelivery(input.event().route(), target.name(), input.event())));
    }
    return pending;
  }
}
