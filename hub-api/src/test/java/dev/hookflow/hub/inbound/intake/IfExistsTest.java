package dev.hookflow.hub.inbound.intake;

import static dev.hookflow.hub.testing.HubHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookflow.hub.testing.HubHarness;
import dev.hookflow.hub.testing.LogWatch;
import dev.hookflow.hub.testing.TestSigner;
import dev.hookflow.workflows.event.SearchAttributeNames;
import dev.hookflow.workflows.eventlog.EventLogResult;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.common.SearchAttributeKey;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A start route keyed by an entity ({@code order-{id}}) gets a second, different event of the same
 * entity: it is never answered {@code duplicate} (which would drop it); the route's {@code
 * if-exists} decides, while the first run is open and after it has closed.
 */
class IfExistsTest {
  static final String STRIPE = "whsec_if_exists";

  static HubHarness hub;
  static LogWatch logs;

  @BeforeAll
  static void start() {
    logs = LogWatch.begin();
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("hookflow.sources.stripe.secrets", STRIPE);
    props.put(
        "hookflow.routes",
        List.of(
            route("log", "EventLog", "log-{/data/object/metadata/order_id}", null),
            route("rec", "EventInbox", "rec-{/data/object/metadata/order_id}", null),
            route("rej", "EventInbox", "rej-{/data/object/metadata/order_id}", "reject"),
            route("sig", "EventInbox", "sig-{/data/object/metadata/order_id}", "signal:event")));
    hub = new HubHarness(props);
  }

  static Map<String, Object> route(String name, String type, String id, String ifExists) {
    Map<String, Object> route = new LinkedHashMap<>();
    route.put("name", name);
    route.put("source", "stripe");
    route.put("events", List.of(name + ".*"));
    route.put("start", type);
    route.put("workflow-id", id);
    if (ifExists != null) {
      route.put("if-exists", ifExists);
    }
    return route;
  }

  @AfterAll
  static void stop() {
    hub.close();
    logs.close();
    logs.assertNoneContain(STRIPE);
  }

  /** A Stripe event of this id and type for this order. */
  static HttpResponse<String> send(String eventId, String type, String order) {
    String body =
        "{\"id\":\""
            + eventId
            + "\",\"type\":\""
            + type
            + "\",\"data\":{\"object\":{\"metadata\":{\"order_id\":\""
            + order
            + "\"}}}}";
    return hub.post(
        "/webhooks/stripe",
        "application/json",
        body,
        "Stripe-Signature",
        TestSigner.stripe(STRIPE, System.currentTimeMillis() / 1000, body));
  }

  static JsonNode delivery(HttpResponse<String> response, String outcome) {
    assertEquals(202, response.statusCode(), response.body());
    JsonNode delivery = json(response).get("deliveries").get(0);
    assertEquals(outcome, delivery.get("outcome").asText(), response.body());
    return delivery;
  }

  static String id() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  static String deliveryAttribute(WorkflowExecutionDescription description) {
    return description
        .getTypedSearchAttributes()
        .get(SearchAttributeKey.forKeyword(SearchAttributeNames.DELIVERY));
  }

  @SuppressWarnings("unchecked")
  static List<String> inbox(String workflowId) {
    return hub.stub(workflowId).query("eventKeys", List.class);
  }

  @Test
  void shouldRecordSecondEventOfAnEntityAfterTheFirstRunCompletedNotCallItDuplicate()
      throws Exception {
    String order = id();
    String first = "evt_" + id();
    String second = "evt_" + id();
    JsonNode started = delivery(send(first, "log.created", order), "started");
    hub.stub("log-" + order).getResult(10, TimeUnit.SECONDS, Object.class);

    JsonNode recorded = delivery(send(second, "log.updated", order), "recorded");
    String recordId = "log-" + order + "-held-" + second;
    assertEquals(recordId, recorded.get("workflowId").asText());
    WorkflowExecutionDescription kept = hub.describe(recordId).orElseThrow();
    assertEquals("EventLog", kept.getWorkflowType());
    assertEquals("recorded", deliveryAttribute(kept));
    assertEquals(
        "stripe/" + second,
        hub.stub(recordId).getResult(10, TimeUnit.SECONDS, EventLogResult.class).eventKey());
    assertTrue(
        logs.lines().stream()
            .anyMatch(
                line ->
                    line.startsWith("WARN")
                        && line.contains("log-" + order)
                        && line.contains("held by event stripe/" + first)
                        && line.contains(second)),
        "the log names the held workflow, its event and the recorded one");

    // Repeats of either event are duplicates of what each already has.
    assertEquals(
        started.get("runId").asText(),
        delivery(send(first, "log.created", order), "duplicate").get("runId").asText());
    assertEquals(
        recordId,
        delivery(send(second, "log.updated", order), "duplicate").get("workflowId").asText());
  }

  @Test
  void shouldRecordWhileTheHolderRunsAndReplayItAsTheRoutesStartOnceItClosed() {
    String order = id();
    String first = "evt_" + id();
    String second = "evt_" + id();
    delivery(send(first, "rec.created", order), "started");
    JsonNode recorded = delivery(send(second, "rec.updated", order), "recorded");
    assertEquals("rec-" + order + "-held-" + second, recorded.get("workflowId").asText());
    assertEquals(List.of("stripe/" + first), inbox("rec-" + order), "the holder was not touched");

    // Replay while the holder runs: refused, nothing started.
    HttpResponse<String> early =
        hub.post("/events/stripe/" + second + "/replay", "application/json", "{}");
    HubHarness.assertProblem(early, 409, "replay_conflict");
    assertEquals(List.of("stripe/" + first), inbox("rec-" + order));

    hub.stub("rec-" + order).terminate("order done");
    HttpResponse<String> replay =
        hub.post(
            "/events/stripe/" + second + "/replay",
            "application/json",
            "{\"reason\":\"holder closed\"}");
    assertEquals(200, replay.statusCode(), replay.body());
    JsonNode replayed = json(replay).get("deliveries").get(0);
    assertEquals("replayed", replayed.get("outcome").asText());
    assertEquals("rec-" + order, replayed.get("workflowId").asText());
    WorkflowExecutionDescription run = hub.describe("rec-" + order).orElseThrow();
    assertEquals(replayed.get("runId").asText(), run.getExecution().getRunId());
    assertEquals("EventInbox", run.getWorkflowType());
    assertEquals("started", deliveryAttribute(run));
    assertEquals(List.of("stripe/" + second), inbox("rec-" + order), "the event ran as a start");
  }

  @Test
  void shouldRejectWithWorkflowExistsAndStartNothingWhileOpenAndAfterClose() {
    String order = id();
    String first = "evt_" + id();
    String second = "evt_" + id();
    delivery(send(first, "rej.created", order), "started");

    HttpResponse<String> refused = send(second, "rej.updated", order);
    HubHarness.assertProblem(refused, 409, "workflow_exists");
    assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "the sender retries");
    assertFalse(hub.describe("rej-" + order + "-held-" + second).isPresent());
    assertEquals(List.of("stripe/" + first), inbox("rej-" + order));

    hub.stub("rej-" + order).terminate("order done");
    HubHarness.assertProblem(send(second, "rej.updated", order), 409, "workflow_exists");
    assertTrue(
        logs.lines().stream()
            .anyMatch(
                line ->
                    line.startsWith("WARN")
                        && line.contains("rej-" + order)
                        && line.contains("if-exists: reject")));
    // The event that holds the id is still a duplicate, not refused.
    delivery(send(first, "rej.created", order), "duplicate");
  }

  @Test
  void shouldSignalTheRunningHolderAndRecordOnceItHasClosed() throws Exception {
    String order = id();
    String first = "evt_" + id();
    String second = "evt_" + id();
    String third = "evt_" + id();
    String holder = "sig-" + order;
    delivery(send(first, "sig.created", order), "started");

    JsonNode signaled = delivery(send(second, "sig.updated", order), "signaled");
    assertEquals(holder, signaled.get("workflowId").asText());
    assertEquals(List.of("stripe/" + first, "stripe/" + second), inbox(holder));
    delivery(send(second, "sig.updated", order), "signaled");
    assertEquals(2, inbox(holder).size(), "the workflow drops the repeated signal");

    hub.stub(holder).terminate("order done");
    // A repeat of an event the closed run received is a duplicate of that run...
    delivery(send(second, "sig.updated", order), "duplicate");
    // ...and a new event is kept, since there is no run to signal.
    JsonNode recorded = delivery(send(third, "sig.shipped", order), "recorded");
    assertEquals(holder + "-event-" + third, recorded.get("workflowId").asText());
    WorkflowExecutionDescription kept = hub.describe(holder + "-event-" + third).orElseThrow();
    assertEquals("recorded", deliveryAttribute(kept));
    assertEquals(
        "stripe/" + third,
        hub.stub(holder + "-event-" + third)
            .getResult(10, TimeUnit.SECONDS, EventLogResult.class)
            .eventKey());
  }
}
