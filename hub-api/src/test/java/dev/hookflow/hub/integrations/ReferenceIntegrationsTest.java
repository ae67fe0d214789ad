package dev.hookflow.hub.integrations;

import static dev.hookflow.activities.testing.ScriptedDownstream.Answer.json;
import static dev.hookflow.activities.testing.ScriptedDownstream.Answer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookflow.activities.testing.ScriptedDownstream;
import dev.hookflow.hub.testing.HubHarness;
import dev.hookflow.hub.testing.LogWatch;
import dev.hookflow.hub.testing.TestSigner;
import dev.hookflow.workflows.ci.CiResult;
import dev.hookflow.workflows.event.SearchAttributeNames;
import dev.hookflow.workflows.order.OrderResult;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.SearchAttributeKey;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped reference routes ({@code MICRONAUT_ENVIRONMENTS=reference}) end to end: signed
 * webhooks over HTTP into a hub, workflows in Temporal, activities calling a real HTTP downstream
 * on loopback, policies shortened through configuration.
 */
class ReferenceIntegrationsTest {
  static final String STRIPE = "whsec_stripe_reference";
  static final String GITHUB = "gh-reference";
  static final String GITLAB = "gitlab-token-reference";

  static ScriptedDownstream downstream;
  static HubHarness hub;
  static LogWatch logs;

  @BeforeAll
  static void start() throws Exception {
    logs = LogWatch.begin();
    downstream = new ScriptedDownstream(System::currentTimeMillis);
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("hookflow.sources.stripe.secrets", STRIPE);
    props.put("hookflow.sources.github.secrets", GITHUB);
    props.put("hookflow.sources.gitlab.secrets", GITLAB);
    for (String name : new String[] {"inventory", "shipping", "notify", "payments", "ci"}) {
      props.put("hookflow.downstreams." + name + ".url", downstream.url() + "/" + name);
    }
    props.put("hookflow.downstreams.payments.bearer-token", "sk_test_never_logged");
    for (String policy : new String[] {"downstream", "compensation"}) {
      props.put("hookflow.policies." + policy + ".initial-interval", "100ms");
      props.put("hookflow.policies." + policy + ".maximum-interval", "200ms");
    }
    props.put("hookflow.policies.downstream.maximum-attempts", 3);
    hub = HubHarness.withEnvironments(props, "reference");
  }

  @AfterAll
  static void stop() {
    hub.close();
    logs.close();
    // Every request of the class, good and bad, has been logged by now.
    logs.assertNoneContain(STRIPE, GITHUB, GITLAB, "sk_test_never_logged");
    downstream.close();
  }

  private static HttpResponse<String> stripe(String eventId, String type, String orderId) {
    String body =
        """
        {"id":"%s","type":"%s","data":{"object":{"amount_total":1999,"currency":"usd",
         "payment_intent":"pi_%s","metadata":{"order_id":"%s"}}}}
        """
            .formatted(eventId, type, orderId, orderId);
    return hub.post(
        "/webhooks/stripe",
        "application/json",
        body,
        "Stripe-Signature",
        TestSigner.stripe(STRIPE, System.currentTimeMillis() / 1000, body));
  }

  @Test
  void shouldFulfilOrderFromStripeCheckoutThroughDownstreams() throws Exception {
    downstream
        .script("POST /inventory/reservations", json(201, "{\"reservationId\":\"r-100\"}"))
        .script("POST /shipping/shipments", status(503), json(201, "{\"shipmentId\":\"s-100\"}"));

    HttpResponse<String> accepted = stripe("evt_order_100", "checkout.session.completed", "100");

    assertEquals(202, accepted.statusCode(), accepted.body());
    assertEquals("order-100", HubHarness.json(accepted).at("/deliveries/0/workflowId").asText());
    OrderResult result = hub.stub("order-100").getResult(30, TimeUnit.SECONDS, OrderResult.class);
    assertEquals("fulfilled", result.status());
    assertEquals("s-100", result.shipmentId());
    assertEquals(
        2,
        downstream.calls("POST /shipping/shipments").stream()
            .filter(c -> c.body().contains("\"100\""))
            .count(),
        "one retry after 503");
    JsonNode view = HubHarness.json(hub.get("/events/stripe/evt_order_100"));
    assertEquals("completed", view.at("/deliveries/0/status").asText());
  }

  @Test
  void shouldFailOrderWithReasonAndCompensateWhenShipmentIsRejected() throws Exception {
    downstream
        .script("POST /inventory/reservations", json(201, "{\"reservationId\":\"r-200\"}"))
        .script("POST /shipping/shipments", json(400, "{\"error\":\"address invalid\"}"))
        // The payment service quotes the credential in its answer: it must not reach the log.
        .script(
            "POST /payments/refunds",
            json(503, "{\"error\":\"key sk_test_never_logged is rate limited\"}"));

    assertEquals(202, stripe("evt_order_200", "checkout.session.completed", "200").statusCode());

    assertThrows(
        WorkflowFailedException.class,
        () -> hub.stub("order-200").getResult(30, TimeUnit.SECONDS, OrderResult.class));
    assertEquals(1, downstream.calls("DELETE /inventory/reservations/r-200").size());
    var refunds =
        downstream.calls("POST /payments/refunds").stream()
            .filter(c -> c.body().contains("pi_200"))
            .toList();
    assertEquals(2, refunds.size(), "one retry after 503");
    assertEquals("Bearer sk_test_never_logged", refunds.get(0).header("Authorization"));
    JsonNode delivery =
        HubHarness.json(hub.get("/events/stripe/evt_order_200")).at("/deliveries/0");
    assertEquals("failed", delivery.get("status").asText());
    String failure = delivery.get("failure").asText();
    assertTrue(failure.contains("shipping POST /shipments answered 400"), failure);
    assertTrue(failure.contains("address invalid"), failure);
    assertFalse(failure.contains("sk_test"), failure);
  }

  @Test
  void shouldRecordRefundForOrderThatIsNoLongerRunningInsteadOfRefusingIt() throws Exception {
    downstream
        .script("POST /inventory/reservations", json(201, "{\"reservationId\":\"r-300\"}"))
        .script("POST /shipping/shipments", json(201, "{\"shipmentId\":\"s-300\"}"));
    assertEquals(202, stripe("evt_order_300", "checkout.session.completed", "300").statusCode());
    hub.stub("order-300").getResult(30, TimeUnit.SECONDS, OrderResult.class);
    int refundCalls = downstream.calls("POST /payments/refunds").size();

    // A refund days after fulfilment: Stripe must get a 2xx, or it retries for days.
    HttpResponse<String> late = stripe("evt_refund_300", "charge.refunded", "300");

    assertEquals(202, late.statusCode(), late.body());
    JsonNode delivery = HubHarness.json(late).at("/deliveries/0");
    assertEquals("recorded", delivery.get("outcome").asText());
    assertEquals("order-300-refund-evt_refund_300", delivery.get("workflowId").asText());
    var record = hub.describe("order-300-refund-evt_refund_300").orElseThrow();
    assertEquals("EventLog", record.getWorkflowType());
    assertEquals(
        "charge.refunded",
        record
            .getTypedSearchAttributes()
            .get(SearchAttributeKey.forKeyword(SearchAttributeNames.EVENT_TYPE)));
    assertEquals(
        "fulfilled",
        hub.stub("order-300").getResult(1, TimeUnit.SECONDS, OrderResult.class).status(),
        "the closed order is left as it was");
    assertEquals(refundCalls, downstream.calls("POST /payments/refunds").size());

    HttpResponse<String> again = stripe("evt_refund_300", "charge.refunded", "300");
    assertEquals(202, again.statusCode(), again.body());
    assertEquals("duplicate", HubHarness.json(again).at("/deliveries/0/outcome").asText());
    assertEquals(
        record.getExecution().getRunId(),
        HubHarness.json(again).at("/deliveries/0/runId").asText());
  }

  @Test
  void shouldAnswerRefundRedeliveredAfterItEndedTheOrderAsDuplicateNotRecordIt() throws Exception {
    CountDownLatch shipping = new CountDownLatch(1);
    downstream
        .script("POST /inventory/reservations", json(201, "{\"reservationId\":\"r-400\"}"))
        .script(
            "POST /shipping/shipments", json(201, "{\"shipmentId\":\"s-400\"}").heldBy(shipping));
    try {
      assertEquals(202, stripe("evt_order_400", "checkout.session.completed", "400").statusCode());
      awaitShipmentOf("400");
      HttpResponse<String> refund = stripe("evt_refund_400", "charge.refunded", "400");
      assertEquals("signaled", HubHarness.json(refund).at("/deliveries/0/outcome").asText());
      OrderResult result = hub.stub("order-400").getResult(30, TimeUnit.SECONDS, OrderResult.class);
      assertEquals("refunded", result.status());
    } finally {
      shipping.countDown();
    }

    // Stripe did not see the first 202 (say) and sends the refund again, after the order ended.
    HttpResponse<String> again = stripe("evt_refund_400", "charge.refunded", "400");

    assertEquals(202, again.statusCode(), again.body());
    JsonNode delivery = HubHarness.json(again).at("/deliveries/0");
    assertEquals("duplicate", delivery.get("outcome").asText(), again.body());
    assertEquals("order-400", delivery.get("workflowId").asText());
    assertEquals(
        hub.describe("order-400").orElseThrow().getExecution().getRunId(),
        delivery.get("runId").asText());
    assertTrue(
        hub.describe("order-400-refund-evt_refund_400").isEmpty(),
        "an event the order already handled is not recorded a second time");
  }

  private static void awaitShipmentOf(String orderId) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (downstream.calls("POST /shipping/shipments").stream()
        .noneMatch(c -> c.body().contains("\"" + orderId + "\""))) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("order " + orderId + " never reached shipping");
      }
      Thread.sleep(50);
    }
  }

  @Test
  void shouldCorrelateGithubPushWithGitlabPipelineResult() throws Exception {
    downstream.script("POST /ci/pipelines", json(201, "{\"id\":\"pl-9\"}"));
    String sha = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432";
    String push =
        """
        {"ref":"refs/heads/main","after":"%s",
         "repository":{"full_name":"acme/shop","default_branch":"main"}}
        """
            .formatted(sha);
    assertEquals(202, hub.postGithub(GITHUB, "push", "gh-delivery-1", push).statusCode());
    downstream.awaitCalls("POST /ci/pipelines", 1);

    String pipeline =
        """
        {"object_kind":"pipeline","object_attributes":{"id":9,"sha":"%s","status":"success"}}
        """
            .formatted(sha);
    HttpResponse<String> wrongToken =
        hub.post(
            "/webhooks/gitlab",
            "application/json",
            pipeline,
            "X-Gitlab-Token",
            "guess",
            "X-Gitlab-Event",
            "Pipeline Hook",
            "X-Gitlab-Event-UUID",
            "uuid-1");
    HubHarness.assertProblem(wrongToken, 401, "invalid_signature", GITLAB);
    HttpResponse<String> signal =
        hub.post(
            "/webhooks/gitlab",
            "application/json",
            pipeline,
            "X-Gitlab-Token",
            GITLAB,
            "X-Gitlab-Event",
            "Pipeline Hook",
            "X-Gitlab-Event-UUID",
            "uuid-1");

    assertEquals(202, signal.statusCode(), signal.body());
    assertEquals("signaled", HubHarness.json(signal).at("/deliveries/0/outcome").asText());
    CiResult result = hub.stub("ci-" + sha).getResult(30, TimeUnit.SECONDS, CiResult.class);
    assertEquals("success", result.status());
    assertEquals("pl-9", result.pipelineId());
    assertTrue(
        downstream.calls("POST /notify/messages").stream()
            .anyMatch(c -> c.body().contains("\"status\":\"success\"")));
  }
}
