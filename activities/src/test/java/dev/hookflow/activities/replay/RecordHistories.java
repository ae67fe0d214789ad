package dev.hookflow.activities.replay;

import dev.hookflow.activities.Integrations;
import dev.hookflow.workflows.Events;
import dev.hookflow.workflows.ci.CiActivities;
import dev.hookflow.workflows.ci.CiMessage;
import dev.hookflow.workflows.ci.CiPipelineWorkflow;
import dev.hookflow.workflows.ci.Commit;
import dev.hookflow.workflows.eventlog.EventLogActivities;
import dev.hookflow.workflows.eventlog.EventLogResult;
import dev.hookflow.workflows.eventlog.EventLogWorkflow;
import dev.hookflow.workflows.inbox.EventInboxWorkflow;
import dev.hookflow.workflows.inbox.InboxResult;
import dev.hookflow.workflows.order.OrderActivities;
import dev.hookflow.workflows.order.OrderFulfillmentWorkflow;
import dev.hookflow.workflows.order.OrderInput;
import dev.hookflow.workflows.policy.FailureTypes;
import dev.hookflow.workflows.policy.Policies;
import dev.hookflow.workflows.policy.PolicyOptions;
import dev.hookflow.workflows.relay.DeliveryReceipt;
import dev.hookflow.workflows.relay.RelayActivities;
import dev.hookflow.workflows.relay.RelayInput;
import dev.hookflow.workflows.relay.RelayTarget;
import dev.hookflow.workflows.relay.RelayWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A tool, not a test: writes the histories {@link ReplayTest} replays ({@code ./hub
 * record-histories}, which runs this class's {@code main} from the test classpath). Histories of
 * earlier workflow versions (order-*.json without -v1: before the release was registered ahead of
 * the reserve step; relay-*.json without -v1: before relays were deliveries) are kept as they were
 * recorded, so running workflows of that code still replay.
 */
public final class RecordHistories {

  /** Order steps that succeed, except a shipment for order "no-stock", which is rejected. */
  static class FakeOrders implements OrderActivities {
    @Override
    public String reserveInventory(OrderInput order) {
      return "r-" + order.orderId();
    }

    @Override
    public String createShipment(OrderInput order, String reservationId) {
      if (order.orderId().equals("no-stock")) {
        throw ApplicationFailure.newNonRetryableFailure(
            "shipping POST /shipments answered 400: {\"error\":\"no carrier\"}",
            FailureTypes.DOWNSTREAM_REJECTED);
      }
      return "s-" + order.orderId();
    }

    @Override
    public void notifyCustomer(OrderInput order, String shipmentId) {}

    @Override
    public void releaseReservation(OrderInput order, String reservationId, String reservationKey) {}

    @Override
    public void refundPayment(OrderInput order, String reason) {}
  }

  static class FakeCi implements CiActivities {
    @Override
    public String triggerPipeline(Commit commit) {
      return "77";
    }

    @Override
    public void postMessage(CiMessage message) {}
  }

  /** Relay destination "up" has endpoint "ep_ok", "down" has "ep_gone". */
  static class FakeRelay implements RelayActivities {
    @Override
    public DeliveryReceipt deliver(dev.hookflow.workflows.relay.RelayDelivery d) {
      if (d.destination().equals("down")) {
        throw ApplicationFailure.newNonRetryableFailure(
            "relay down answered 410: gone", FailureTypes.DOWNSTREAM_REJECTED);
      }
      return new DeliveryReceipt(d.destination(), 200, "stripe-e1", 1);
    }

    @Override
    public dev.hookflow.workflows.relay.PreparedRelay prepare(
        String route, dev.hookflow.workflows.event.WebhookEvent event) {
      return new dev.hookflow.workflows.relay.PreparedRelay(
          "app_relay",
          "msg_" + event.eventId(),
          event.source() + "-" + event.eventId(),
          Map.of("up", "ep_ok", "down", "ep_gone"),
          15);
    }
  }

  /**
   * Endpoint "ep_ok" fails once and then takes it; "ep_down" fails every attempt; "ep_gone" (a
   * relay destination) rejects the first.
   */
  static class FakeDelivery implements dev.hookflow.workflows.delivery.DeliveryActivities {
    @Override
    public dev.hookflow.workflows.delivery.AttemptOutcome attempt(
        dev.hookflow.workflows.delivery.DeliveryInput input) {
      int attempt = io.temporal.activity.Activity.getExecutionContext().getInfo().getAttempt();
      if (input.relayed() != null && input.endpointId().equals("ep_ok")) {
        return new dev.hookflow.workflows.delivery.AttemptOutcome("atmpt_r", 200, attempt);
      }
      if (input.endpointId().equals("ep_gone")) {
        throw ApplicationFailure.newNonRetryableFailure(
            "down answered 410: gone", FailureTypes.DOWNSTREAM_REJECTED, 410);
      }
      if (input.endpointId().equals("ep_ok") && attempt > 1) {
        return new dev.hookflow.workflows.delivery.AttemptOutcome("atmpt_1", 200, attempt);
      }
      if (attempt >= input.schedule().size()) {
        throw ApplicationFailure.newNonRetryableFailure(
            "Attempt " + attempt + " failed (HTTP 500)",
            dev.hookflow.workflows.delivery.DeliveryFailures.EXHAUSTED);
      }
      throw ApplicationFailure.newBuilder()
          .setMessage("Attempt " + attempt + " failed (HTTP 500)")
          .setType(dev.hookflow.workflows.delivery.DeliveryFailures.ATTEMPT_FAILED)
          .setNextRetryDelay(
              dev.hookflow.workflows.policy.Durations.parse(input.schedule().get(attempt)))
          .build();
    }
  }

  private RecordHistories() {}

  public static void main(String[] args) throws Exception {
    io.temporal.testing.TestEnvironmentOptions.Builder options =
        io.temporal.testing.TestEnvironmentOptions.newBuilder();
    for (String name : dev.hookflow.workflows.event.SearchAttributeNames.ALL) {
      options.registerSearchAttribute(
          name, io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options.build())) {
      Worker worker = env.newWorker("q");
      worker.registerWorkflowImplementationTypes(
          PolicyOptions.defaults(), Integrations.workflowImplementations());
      worker.registerActivitiesImplementations(
          (EventLogActivities) e -> new EventLogResult(e.key(), e.type(), e.payload().size()),
          new FakeOrders(),
          new FakeCi(),
          new FakeRelay(),
          (dev.hookflow.workflows.delivery.DispatchActivities)
              (app, msg, after, size) ->
                  after == null
                      ? new dev.hookflow.workflows.delivery.DispatchPage(size, "ep_" + size)
                      : new dev.hookflow.workflows.delivery.DispatchPage(1, null),
          new FakeDelivery());
      env.start();
      WorkflowClient client = env.getWorkflowClient();

      client.newWorkflowStub(EventLogWorkflow.class, options("log")).log(event("d1"));
      write(client, "log", "eventlog-v1.json");

      WorkflowStub inbox = client.newUntypedWorkflowStub(EventInboxWorkflow.TYPE, options("inbox"));
      var first = Events.event("github", "a", "pull_request");
      inbox.signalWithStart(EventInboxWorkflow.SIGNAL, new Object[] {first}, new Object[] {first});
      inbox.signal(EventInboxWorkflow.SIGNAL, Events.event("github", "b", "issue_comment"));
      inbox.signal(EventInboxWorkflow.SIGNAL, Events.event("github", "b", "issue_comment"));
      env.sleep(Duration.ofMinutes(5));
      inbox.getResult(InboxResult.class);
      write(client, "inbox", "eventinbox.json");

      client
          .newWorkflowStub(OrderFulfillmentWorkflow.class, options("order-1"))
          .fulfil(Events.checkout("evt_1", "1"));
      write(client, "order-1", "order-fulfilled-v1.json");

      WorkflowStub failing =
          client.newUntypedWorkflowStub(OrderFulfillmentWorkflow.TYPE, options("order-no-stock"));
      failing.start(Events.checkout("evt_2", "no-stock"));
      waitClosed(failing);
      write(client, "order-no-stock", "order-compensated-v1.json");

      WorkflowStub refunded =
          client.newUntypedWorkflowStub(OrderFulfillmentWorkflow.TYPE, options("order-3"));
      var refund = Events.refunded("evt_r", "3");
      refunded.signalWithStart(
          OrderFulfillmentWorkflow.REFUND,
          new Object[] {refund},
          new Object[] {Events.checkout("evt_3", "3")});
      refunded.signal(OrderFulfillmentWorkflow.REFUND, refund);
      waitClosed(refunded);
      write(client, "order-3", "order-refunded-v1.json");

      WorkflowStub ci = client.newUntypedWorkflowStub(CiPipelineWorkflow.TYPE, options("ci-abc"));
      ci.start(Events.push("p1", "abc", Map.of(CiPipelineWorkflow.TIMEOUT_PARAM, "30m")));
      ci.signal(CiPipelineWorkflow.PIPELINE, Events.pipeline("u1", "abc", "running"));
      ci.signal(CiPipelineWorkflow.PIPELINE, Events.pipeline("u2", "abc", "success"));
      waitClosed(ci);
      write(client, "ci-abc", "ci-success.json");

      WorkflowStub late = client.newUntypedWorkflowStub(CiPipelineWorkflow.TYPE, options("ci-def"));
      late.start(Events.push("p2", "def", Map.of()));
      env.sleep(Duration.ofHours(2));
      waitClosed(late);
      write(client, "ci-def", "ci-timeout.json");

      var targets =
          List.of(new RelayTarget("up", Policies.RELAY), new RelayTarget("down", Policies.RELAY));
      WorkflowStub relay = client.newUntypedWorkflowStub(RelayWorkflow.TYPE, options("relay-1"));
      relay.start(new RelayInput(Events.checkout("e1", "9"), targets));
      waitClosed(relay);
      write(client, "relay-1", "relay-dead-letter-v1.json");

      WorkflowStub ok = client.newUntypedWorkflowStub(RelayWorkflow.TYPE, options("relay-2"));
      ok.start(new RelayInput(Events.checkout("e2", "9"), targets.subList(0, 1)));
      waitClosed(ok);
      write(client, "relay-2", "relay-delivered-v1.json");

      // A replay of the dead letter: "down" had accepted before, so only "up" is sent to.
      WorkflowStub replayed = client.newUntypedWorkflowStub(RelayWorkflow.TYPE, options("relay-3"));
      replayed.start(new RelayInput(Events.checkout("e3", "9"), targets, List.of("down")));
      waitClosed(replayed);
      write(client, "relay-3", "relay-replayed-v1.json");

      WorkflowStub dispatch =
          client.newUntypedWorkflowStub("Dispatch", options("dispatch/app_1/msg_1"));
      dispatch.start(dev.hookflow.workflows.delivery.DispatchInput.of("app_1", "msg_1"));
      waitClosed(dispatch);
      write(client, "dispatch/app_1/msg_1", "dispatch.json");

      var schedule = List.of("0s", "5s", "5m");
      WorkflowStub retried =
          client.newUntypedWorkflowStub("Delivery", options("delivery/app_1/msg_1/ep_ok"));
      retried.start(
          new dev.hookflow.workflows.delivery.DeliveryInput(
              "app_1", "msg_1", "ep_ok", schedule, false, 15));
      waitClosed(retried);
      write(client, "delivery/app_1/msg_1/ep_ok", "delivery-retried.json");

      WorkflowStub dead =
          client.newUntypedWorkflowStub("Delivery", options("delivery/app_1/msg_1/ep_down"));
      dead.start(
          new dev.hookflow.workflows.delivery.DeliveryInput(
              "app_1", "msg_1", "ep_down", schedule, false, 15));
      waitClosed(dead);
      write(client, "delivery/app_1/msg_1/ep_down", "delivery-dead-letter.json");
    }
  }

  private static dev.hookflow.workflows.event.WebhookEvent event(String id) {
    return Events.event("github", id, "push");
  }

  private static WorkflowOptions options(String id) {
    return WorkflowOptions.newBuilder().setTaskQueue("q").setWorkflowId(id).build();
  }

  private static void waitClosed(WorkflowStub stub) {
    try {
      stub.getResult(Object.class);
    } catch (RuntimeException e) {
      // a failed run is a history worth replaying too
    }
  }

  private static void write(WorkflowClient client, String workflowId, String file)
      throws Exception {
    // exec:java runs in Maven's JVM, whose working directory is the reactor's root.
    java.nio.file.Path dir =
        java.nio.file.Path.of(
            System.getProperty("hookflow.histories", ReplayTest.HISTORIES.toString()));
    Files.writeString(dir.resolve(file), client.fetchHistory(workflowId).toJson(true));
  }
}
