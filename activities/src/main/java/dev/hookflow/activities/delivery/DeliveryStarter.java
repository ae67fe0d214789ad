package dev.hookflow.activities.delivery;

import dev.hookflow.store.Ids;
import dev.hookflow.workflows.delivery.DeliveryInput;
import dev.hookflow.workflows.delivery.DeliveryWorkflow;
import dev.hookflow.workflows.delivery.DispatchInput;
import dev.hookflow.workflows.delivery.DispatchWorkflow;
import dev.hookflow.workflows.event.MemoKeys;
import dev.hookflow.workflows.event.SearchAttributeNames;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.util.List;
import java.util.Map;

/**
 * Starts the outbound workflows, with ids that name what they carry, so a repeat of a start (a
 * retried activity, a retried publish) finds the first run instead of making a second:
 *
 * <ul>
 *   <li>dispatch: {@code dispatch/<app id>/<msg id>}
 *   <li>delivery: {@code delivery/<app id>/<msg id>/<endpoint id>}, a resend {@code
 *       .../resend-<id>}
 * </ul>
 */
public class DeliveryStarter {
  private static final SearchAttributeKey<String> APP =
      SearchAttributeKey.forKeyword(SearchAttributeNames.APP);
  private static final SearchAttributeKey<String> ENDPOINT =
      SearchAttributeKey.forKeyword(SearchAttributeNames.ENDPOINT);
  private static final SearchAttributeKey<String> EVENT_TYPE =
      SearchAttributeKey.forKeyword(SearchAttributeNames.EVENT_TYPE);
  private static final SearchAttributeKey<String> SOURCE =
      SearchAttributeKey.forKeyword(SearchAttributeNames.SOURCE);
  private static final SearchAttributeKey<String> EVENT_ID =
      SearchAttributeKey.forKeyword(SearchAttributeNames.EVENT_ID);
  private static final SearchAttributeKey<String> DELIVERY =
      SearchAttributeKey.forKeyword(SearchAttributeNames.DELIVERY);

  /** The {@code WebhookDelivery} value of a dispatch that a route's publish action started. */
  public static final String PUBLISHED = "published";

  private final WorkflowClient client;
  private final OutboundSettings settings;

  public DeliveryStarter(WorkflowClient client, OutboundSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  public static String dispatchId(String appId, String msgId) {
    return "dispatch/" + appId + "/" + msgId;
  }

  public static String deliveryId(String appId, String msgId, String endpointId) {
    return "delivery/" + appId + "/" + msgId + "/" + endpointId;
  }

  /**
   * A received webhook that a route published as this message: the dispatch carries its source,
   * event id and route (search attributes and memo, as the runs intake starts), so the hub's {@code
   * GET /events/{source}/{eventId}} and the Temporal UI find the dispatch from the webhook.
   */
  public record Origin(String route, String source, String eventId) {}

  /**
   * Starts the dispatch of a stored message.
   *
   * @param origin the received webhook it was published for, or null (published by the API)
   * @return the new run's id, or null when the dispatch had been started before
   * @throws io.temporal.client.WorkflowServiceException when Temporal does not take it
   */
  public String dispatch(String appId, String msgId, String eventType, Origin origin) {
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder().set(APP, appId).set(EVENT_TYPE, eventType);
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(dispatchId(appId, msgId))
            .setTaskQueue(settings.taskQueue())
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setStaticSummary(
                "Dispatch "
                    + msgId
                    + " ("
                    + eventType
                    + ") of "
                    + appId
                    + (origin == null
                        ? ""
                        : ", published from " + origin.source() + " " + origin.eventId()))
            // With a worker in this process the start's answer carries the first workflow task.
            .setDisableEagerExecution(false);
    marked(options, attributes, origin);
    try {
      return WorkflowClient.start(
              client.newWorkflowStub(DispatchWorkflow.class, options.build())::dispatch,
              DispatchInput.of(appId, msgId))
          .getRunId();
    } catch (WorkflowExecutionAlreadyStarted e) {
      return null;
    }
  }

  /**
   * With an origin, the run carries the received webhook's source, event id and route (search
   * attributes and memo), as the runs intake starts do.
   */
  private static void marked(
      WorkflowOptions.Builder options, SearchAttributes.Builder attributes, Origin origin) {
    if (origin != null) {
      attributes
          .set(SOURCE, origin.source())
          .set(EVENT_ID, origin.eventId())
          .set(DELIVERY, PUBLISHED);
      options.setMemo(
          Map.of(
              MemoKeys.ROUTE,
              origin.route(),
              MemoKeys.SOURCE,
              origin.source(),
              MemoKeys.EVENT_ID,
              origin.eventId(),
              MemoKeys.DELIVERY,
              PUBLISHED));
    }
    options.setTypedSearchAttributes(attributes.build());
  }

  /**
   * Starts the scheduled delivery of a message to an endpoint.
   *
   * @param origin the received webhook the message was published for, or null
   * @return the new run's id, or null when the delivery existed
   */
  public String deliver(
      String appId, String msgId, String endpointId, String eventType, Origin origin) {
    return start(
        deliveryId(appId, msgId, endpointId),
        new DeliveryInput(
            appId,
            msgId,
            endpointId,
            settings.schedule().texts(),
            false,
            settings.requestTimeout().toSeconds()),
        eventType,
        origin);
  }

  /** Starts a manual resend (one attempt, trigger manual); returns its workflow id. */
  public String resend(String appId, String msgId, String endpointId, String eventType) {
    String id = deliveryId(appId, msgId, endpointId) + "/resend-" + Ids.next("").toLowerCase();
    start(
        id,
        new DeliveryInput(
            appId, msgId, endpointId, List.of("0s"), true, settings.requestTimeout().toSeconds()),
        eventType,
        null);
    return id;
  }

  private String start(String workflowId, DeliveryInput input, String eventType, Origin origin) {
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(settings.taskQueue())
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setStaticSummary(
                (input.manual() ? "Resend " : "Deliver ")
                    + input.msgId()
                    + " ("
                    + eventType
                    + ") to "
                    + input.endpointId())
            .setDisableEagerExecution(false);
    marked(
        options,
        SearchAttributes.newBuilder()
            .set(APP, input.appId())
            .set(ENDPOINT, input.endpointId())
            .set(EVENT_TYPE, eventType),
        origin);
    try {
      return WorkflowClient.start(
              client.newWorkflowStub(DeliveryWorkflow.class, options.build())::deliver, input)
          .getRunId();
    } catch (WorkflowExecutionAlreadyStarted e) {
      return null;
    }
  }
}
