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
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.common.SearchAttributeKey;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Signed webhooks over real HTTP into a running hub, checked in a real Temporal service. */
class IntakeTest {
  static final String GITHUB = "gh-secret";
  static final String STRIPE = "whsec_stripe_test";
  static final String SLACK = "slack-signing";
  static final String SHOPIFY = "shopify-secret";
  static final String TWILIO = "twilio-token";
  static final String STANDARD =
      "whsec_" + TestSigner.b64("standard-webhooks-key-32-bytes!!".getBytes());
  static final String PUBLIC_URL = "https://hooks.example.test";
  static final String JSON_TYPE = "application/json";
  static final String FORM = "application/x-www-form-urlencoded";

  static HubHarness hub;
  static LogWatch logs;

  @BeforeAll
  static void start() {
    logs = LogWatch.begin();
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("hookflow.public-url", PUBLIC_URL);
    props.put("hookflow.sources.github.secrets", "gh-newer-secret," + GITHUB);
    props.put("hookflow.sources.stripe.secrets", STRIPE);
    props.put("hookflow.sources.slack.secrets", SLACK);
    props.put("hookflow.sources.shopify.secrets", SHOPIFY);
    props.put("hookflow.sources.twilio.secrets", TWILIO);
    props.put("hookflow.sources.standard.secrets", STANDARD);
    props.put("hookflow.fallback-route", true);
    props.put(
        "hookflow.routes",
        List.of(
            Map.of(
                "name",
                "pr-inbox",
                "source",
                "github",
                "events",
                List.of("pull_request"),
                "signal-with-start",
                "EventInbox",
                "workflow-id",
                "pr-{/number}"),
            Map.of(
                "name",
                "pr-comments",
                "source",
                "github",
                "events",
                List.of("issue_comment"),
                "signal",
                "event",
                "workflow-id",
                "pr-{/issue/number}"),
            Map.of(
                "name",
                "orders",
                "source",
                "stripe",
                "events",
                List.of("order.*"),
                "start",
                "EventLog",
                "workflow-id",
                "order-{/data/object/metadata/order_id}"),
            Map.of(
                "name",
                "fan-a",
                "source",
                "shopify",
                "events",
                List.of("orders/*"),
                "start",
                "EventLog",
                "workflow-id",
                "shopify-a-{eventId}"),
            Map.of(
                "name",
                "fan-b",
                "source",
                "shopify",
                "events",
                List.of("orders/create"),
                "start",
                "EventLog",
                "workflow-id",
                "shopify-b-{eventId}")));
    hub = new HubHarness(props);
  }

  @AfterAll
  static void stop() {
    hub.close();
    logs.close();
    // Every request of the class, good and bad, has been logged by now.
    logs.assertNoneContain(GITHUB, "gh-newer-secret", STRIPE, SLACK, SHOPIFY, TWILIO, STANDARD);
  }

  static long now() {
    return System.currentTimeMillis() / 1000;
  }

  static String id() {
    return UUID.randomUUID().toString();
  }

  HttpResponse<String> github(String event, String delivery, String body) {
    return hub.postGithub(GITHUB, event, delivery, body);
  }

  HttpResponse<String> stripe(String body) {
    return hub.post(
        "/webhooks/stripe",
        JSON_TYPE,
        body,
        "Stripe-Signature",
        TestSigner.stripe(STRIPE, now(), body));
  }

  /** Asserts a 202 that started one workflow, and checks it in Temporal. */
  static JsonNode assertStarted(
      HttpResponse<String> response,
      String workflowId,
      String type,
      String source,
      String eventType,
      String eventId) {
    assertEquals(202, response.statusCode(), response.body());
    JsonNode body = json(response);
    assertEquals("accepted", body.get("status").asText(), response.body());
    JsonNode delivery = body.get("deliveries").get(0);
    assertEquals(workflowId, delivery.get("workflowId").asText());
    assertEquals("started", delivery.get("outcome").asText());
    WorkflowExecutionDescription description = hub.describe(workflowId).orElseThrow();
    assertEquals(type, description.getWorkflowType());
    assertEquals(delivery.get("runId").asText(), description.getExecution().getRunId());
    assertEquals(
        source,
        description
            .getTypedSearchAttributes()
            .get(SearchAttributeKey.forKeyword(SearchAttributeNames.SOURCE)));
    assertEquals(
        eventType,
        description
            .getTypedSearchAttributes()
            .get(SearchAttributeKey.forKeyword(SearchAttributeNames.EVENT_TYPE)));
    assertEquals(
        eventId,
        description
            .getTypedSearchAttributes()
            .get(SearchAttributeKey.forKeyword(SearchAttributeNames.EVENT_ID)));
    return body;
  }

  @Test
  void shouldStartWorkflowForSignedGithubEventAndAnswerDuplicateOnRedelivery() throws Exception {
    String delivery = id();
    String body = "{\"ref\":\"refs/heads/main\",\"after\":\"abc123\"}";
    JsonNode first =
        assertStarted(
            github("push", delivery, body),
            "github-push-" + delivery,
            "EventLog",
            "github",
            "push",
            delivery);
    String runId = first.get("deliveries").get(0).get("runId").asText();

    // Wait until the run has completed: a redelivery must stay a duplicate after that too.
    hub.stub("github-push-" + delivery).getResult(10, TimeUnit.SECONDS, Object.class);
    HttpResponse<String> again = github("push", delivery, body);
    assertEquals(202, again.statusCode(), again.body());
    JsonNode second = json(again);
    assertEquals("duplicate", second.get("status").asText());
    assertEquals("duplicate", second.get("deliveries").get(0).get("outcome").asText());
    assertEquals(runId, second.get("deliveries").get(0).get("runId").asText());
    assertEquals(
        runId, hub.describe("github-push-" + delivery).orElseThrow().getExecution().getRunId());

    JsonNode view = json(hub.get("/events/github/" + delivery));
    assertEquals("completed", view.get("deliveries").get(0).get("status").asText());
    assertEquals(runId, view.get("deliveries").get(0).get("runId").asText());
  }

  @Test
  void shouldStartWorkflowForEachBuiltInSource() {
    String stripeId = "evt_" + id();
    assertStarted(
        stripe("{\"id\":\"" + stripeId + "\",\"type\":\"invoice.paid\"}"),
        "stripe-invoice.paid-" + stripeId,
        "EventLog",
        "stripe",
        "invoice.paid",
        stripeId);

    String slackEvent = "Ev" + id();
    String slackBody =
        "{\"type\":\"event_callback\",\"event_id\":\""
            + slackEvent
            + "\",\"event\":{\"type\":\"app_mention\"}}";
    long ts = now();
    assertStarted(
        hub.post(
            "/webhooks/slack",
            JSON_TYPE,
            slackBody,
            "X-Slack-Request-Timestamp",
            Long.toString(ts),
            "X-Slack-Signature",
            TestSigner.slack(SLACK, ts, slackBody)),
        "slack-app_mention-" + slackEvent,
        "EventLog",
        "slack",
        "app_mention",
        slackEvent);

    String trigger = "trig" + id();
    String command = "command=%2Fdeploy&text=prod&trigger_id=" + trigger;
    assertStarted(
        hub.post(
            "/webhooks/slack",
            FORM,
            command,
            "X-Slack-Request-Timestamp",
            Long.toString(ts),
            "X-Slack-Signature",
            TestSigner.slack(SLACK, ts, command)),
        "slack-/deploy-" + ts + "-" + trigger,
        "EventLog",
        "slack",
        "/deploy",
        ts + "-" + trigger);

    String shopifyId = id();
    String shopifyBody = "{\"id\":1}";
    assertStarted(
        hub.post(
            "/webhooks/shopify",
            JSON_TYPE,
            shopifyBody,
            "X-Shopify-Topic",
            "products/update",
            "X-Shopify-Webhook-Id",
            shopifyId,
            "X-Shopify-Hmac-Sha256",
            TestSigner.shopify(SHOPIFY, shopifyBody)),
        "shopify-products/update-" + shopifyId,
        "EventLog",
        "shopify",
        "products/update",
        shopifyId);

    String sid = "SM" + id().replace("-", "");
    Map<String, String> params =
        Map.of("MessageSid", sid, "SmsStatus", "delivered", "To", "+15551234567");
    String form =
        params.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue().replace("+", "%2B"))
            .collect(Collectors.joining("&"));
    assertStarted(
        hub.post(
            "/webhooks/twilio",
            FORM,
            form,
            "X-Twilio-Signature",
            TestSigner.twilio(TWILIO, PUBLIC_URL + "/webhooks/twilio", params)),
        "twilio-delivered-" + sid,
        "EventLog",
        "twilio",
        "delivered",
        sid);

    String msgId = "msg_" + id();
    String standardBody = "{\"type\":\"user.created\",\"data\":{}}";
    assertStarted(
        hub.post(
            "/webhooks/standard",
            JSON_TYPE,
            standardBody,
            "webhook-id",
            msgId,
            "webhook-timestamp",
            Long.toString(ts),
            "webhook-signature",
            TestSigner.standardV1(STANDARD, msgId, ts, standardBody)),
        "standard-user.created-" + msgId,
        "EventLog",
        "standard",
        "user.created",
        msgId);
  }

  @Test
  void shouldFanOutOneEventToEveryMatchingRoute() {
    String eventId = id();
    String body = "{\"id\":2}";
    HttpResponse<String> response =
        hub.post(
            "/webhooks/shopify",
            JSON_TYPE,
            body,
            "X-Shopify-Topic",
            "orders/create",
            "X-Shopify-Webhook-Id",
            eventId,
            "X-Shopify-Hmac-Sha256",
            TestSigner.shopify(SHOPIFY, body));
    assertEquals(202, response.statusCode(), response.body());
    JsonNode deliveries = json(response).get("deliveries");
    assertEquals(2, deliveries.size());
    assertEquals("fan-a", deliveries.get(0).get("route").asText());
    assertEquals("fan-b", deliveries.get(1).get("route").asText());
    assertTrue(hub.describe("shopify-a-" + eventId).isPresent());
    assertTrue(hub.describe("shopify-b-" + eventId).isPresent());
  }

  @Test
  void shouldSignalWithStartAndDropRepeatedEventInsideWorkflow() throws Exception {
    String pr = Long.toString(System.nanoTime());
    String opened = id();
    HttpResponse<String> first =
        github("pull_request", opened, "{\"action\":\"opened\",\"number\":" + pr + "}");
    assertEquals(202, first.statusCode(), first.body());
    assertEquals("signaled", json(first).get("deliveries").get(0).get("outcome").asText());
    WorkflowExecutionDescription inbox = hub.describe("pr-" + pr).orElseThrow();
    assertEquals("EventInbox", inbox.getWorkflowType());
    assertEquals(
        "github",
        inbox
            .getTypedSearchAttributes()
            .get(SearchAttributeKey.forKeyword(SearchAttributeNames.SOURCE)));

    String comment = id();
    String commentBody = "{\"action\":\"created\",\"issue\":{\"number\":" + pr + "}}";
    assertEquals(202, github("issue_comment", comment, commentBody).statusCode());
    assertEquals(202, github("issue_comment", comment, commentBody).statusCode());
    github("pull_request", opened, "{\"action\":\"opened\",\"number\":" + pr + "}");

    List<?> keys = awaitKeys("pr-" + pr, 2);
    assertEquals(List.of("github/" + opened, "github/" + comment), keys);
    assertEquals(
        inbox.getExecution().getRunId(),
        hub.describe("pr-" + pr).orElseThrow().getExecution().getRunId());
    hub.stub("pr-" + pr).terminate("test done");

    // After the inbox closed, a redelivered comment it already holds is a duplicate (2xx, so
    // GitHub stops); a comment it never saw is refused, since a signal route starts nothing.
    HttpResponse<String> redelivered = github("issue_comment", comment, commentBody);
    assertEquals(202, redelivered.statusCode(), redelivered.body());
    assertEquals("duplicate", json(redelivered).at("/deliveries/0/outcome").asText());
    assertEquals(
        inbox.getExecution().getRunId(), json(redelivered).at("/deliveries/0/runId").asText());
    assertProblem(github("issue_comment", id(), commentBody), 409, "workflow_not_found");

    // The same for the signal-with-start route: its repeat opens no second run ...
    HttpResponse<String> reopened =
        github("pull_request", opened, "{\"action\":\"opened\",\"number\":" + pr + "}");
    assertEquals(202, reopened.statusCode(), reopened.body());
    assertEquals("duplicate", json(reopened).at("/deliveries/0/outcome").asText());
    assertEquals(
        inbox.getExecution().getRunId(), json(reopened).at("/deliveries/0/runId").asText());
    assertEquals(
        WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED,
        hub.describe("pr-" + pr).orElseThrow().getStatus());
    // ... while an event it never held opens one, holding just that event.
    String edited = id();
    HttpResponse<String> next =
        github("pull_request", edited, "{\"action\":\"edited\",\"number\":" + pr + "}");
    assertEquals(202, next.statusCode(), next.body());
    assertEquals("signaled", json(next).at("/deliveries/0/outcome").asText());
    WorkflowExecutionDescription second = hub.describe("pr-" + pr).orElseThrow();
    assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, second.getStatus());
    assertFalse(inbox.getExecution().getRunId().equals(second.getExecution().getRunId()));
    assertEquals(List.of("github/" + edited), awaitKeys("pr-" + pr, 1));
    hub.stub("pr-" + pr).terminate("test done");
  }

  private List<?> awaitKeys(String workflowId, int count) throws InterruptedException {
    List<?> keys = List.of();
    for (int i = 0; i < 50 && keys.size() < count; i++) {
      keys = hub.stub(workflowId).query("eventKeys", List.class);
      Thread.sleep(100);
    }
    Thread.sleep(300);
    return hub.stub(workflowId).query("eventKeys", List.class);
  }

  @Test
  void shouldRefuseSignalToMissingWorkflowWithoutStartingIt() {
    String body = "{\"action\":\"created\",\"issue\":{\"number\":987654321}}";
    HttpResponse<String> response = github("issue_comment", id(), body);
    assertProblem(response, 409, "workflow_not_found");
    assertTrue(response.headers().firstValue("Retry-After").isPresent());
    assertFalse(hub.describe("pr-987654321").isPresent());
  }

  @Test
  void shouldAnswerSlackUrlVerificationWithChallengeAndStartNothing() {
    String body =
        "{\"token\":\"x\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}";
    long ts = now();
    HttpResponse<String> response =
        hub.post(
            "/webhooks/slack",
            JSON_TYPE,
            body,
            "X-Slack-Request-Timestamp",
            Long.toString(ts),
            "X-Slack-Signature",
            TestSigner.slack(SLACK, ts, body));
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(
        "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
        json(response).get("challenge").asText());
  }

  static void assertProblem(HttpResponse<String> response, int status, String code) {
    HubHarness.assertProblem(
        response, status, code, GITHUB, STRIPE, SLACK, SHOPIFY, TWILIO, STANDARD);
  }

  /** One kind of bad input: what is sent (given a fresh delivery id) and the answer expected. */
  record BadInput(
      String name,
      java.util.function.BiFunction<IntakeTest, String, HttpResponse<String>> send,
      int status,
      String code) {
    @Override
    public String toString() {
      return name + " -> " + status + " " + code;
    }
  }

  static final String BAD_BODY = "{\"ref\":\"x\"}";

  static HttpResponse<String> githubWith(String contentType, String body, String... headers) {
    return hub.post("/webhooks/github", contentType, body, headers);
  }

  static HttpResponse<String> slackAt(long timestamp, String delivery) {
    String body =
        "{\"type\":\"event_callback\",\"event_id\":\""
            + delivery
            + "\",\"event\":{\"type\":\"message\"}}";
    return hub.post(
        "/webhooks/slack",
        JSON_TYPE,
        body,
        "X-Slack-Request-Timestamp",
        Long.toString(timestamp),
        "X-Slack-Signature",
        TestSigner.slack(SLACK, timestamp, body));
  }

  static Stream<BadInput> badInputs() {
    String signature = TestSigner.github(GITHUB, BAD_BODY);
    return Stream.of(
        new BadInput(
            "unknown source",
            (t, d) -> hub.post("/webhooks/nope", JSON_TYPE, BAD_BODY),
            404,
            "unknown_source"),
        new BadInput(
            "wrong secret",
            (t, d) -> hub.postGithub("wrong", "push", d, BAD_BODY),
            401,
            "invalid_signature"),
        new BadInput(
            "tampered body",
            (t, d) ->
                githubWith(
                    JSON_TYPE,
                    BAD_BODY + " ",
                    "X-GitHub-Event",
                    "push",
                    "X-GitHub-Delivery",
                    d,
                    "X-Hub-Signature-256",
                    signature),
            401,
            "invalid_signature"),
        new BadInput(
            "no signature",
            (t, d) ->
                githubWith(JSON_TYPE, BAD_BODY, "X-GitHub-Event", "push", "X-GitHub-Delivery", d),
            400,
            "missing_header"),
        new BadInput(
            "no event id",
            (t, d) ->
                githubWith(
                    JSON_TYPE,
                    BAD_BODY,
                    "X-GitHub-Event",
                    "push",
                    "X-Hub-Signature-256",
                    signature),
            400,
            "missing_event_id"),
        new BadInput(
            "malformed JSON", (t, d) -> t.github("push", d, "{not json"), 400, "malformed_body"),
        new BadInput(
            "text/plain",
            (t, d) ->
                githubWith(
                    "text/plain",
                    BAD_BODY,
                    "X-GitHub-Event",
                    "push",
                    "X-GitHub-Delivery",
                    d,
                    "X-Hub-Signature-256",
                    signature),
            415,
            "unsupported_media_type"),
        new BadInput(
            "no content type",
            (t, d) ->
                githubWith(
                    null,
                    BAD_BODY,
                    "X-GitHub-Event",
                    "push",
                    "X-GitHub-Delivery",
                    d,
                    "X-Hub-Signature-256",
                    signature),
            415,
            "unsupported_media_type"),
        new BadInput(
            "over the source's 1 MiB",
            (t, d) -> t.github("push", d, "{\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}"),
            413,
            "payload_too_large"),
        new BadInput(
            "over the server's 16 MiB",
            (t, d) -> t.github("push", d, "{\"pad\":\"" + "x".repeat(17 * 1024 * 1024) + "\"}"),
            413,
            "payload_too_large"),
        new BadInput(
            "stale Slack timestamp", (t, d) -> slackAt(now() - 3600, d), 401, "stale_timestamp"),
        new BadInput(
            "future Slack timestamp", (t, d) -> slackAt(now() + 3600, d), 401, "stale_timestamp"),
        new BadInput(
            "route template value missing",
            (t, d) ->
                t.stripe(
                    "{\"id\":\"" + d + "\",\"type\":\"order.created\",\"data\":{\"object\":{}}}"),
            422,
            "route_template_unresolved"),
        new BadInput(
            "event id over 1,000 bytes",
            (t, d) -> t.github("push", d + "x".repeat(1000), BAD_BODY),
            400,
            "invalid_event_id"),
        new BadInput(
            "event type over 1,000 bytes",
            (t, d) -> t.github("p".repeat(1001), d, BAD_BODY),
            400,
            "invalid_event_type"),
        new BadInput(
            "workflow id over 1,000 bytes",
            (t, d) ->
                t.github(
                    "pull_request",
                    d,
                    "{\"action\":\"opened\",\"number\":\"" + "9".repeat(1000) + "\"}"),
            422,
            "invalid_workflow_id"),
        new BadInput(
            "workflow id with a control character",
            (t, d) -> t.github("pull_request", d, "{\"action\":\"opened\",\"number\":\"7\\n8\"}"),
            422,
            "invalid_workflow_id"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void shouldAnswerBadInputWithItsCodeAndStartNothing(BadInput input) {
    String delivery = id();
    HttpResponse<String> answer = input.send().apply(this, delivery);
    if (input.status() == 413 && answer.headers().firstValue("Content-Type").isEmpty()) {
      assertEquals(413, answer.statusCode(), answer.body());
    } else {
      assertProblem(answer, input.status(), input.code());
    }
    assertFalse(answer.body().contains("x".repeat(100)), "no long input echoed");
    for (String workflowId :
        List.of(
            "github-push-" + delivery,
            "slack-message-" + delivery,
            "stripe-order.created-" + delivery)) {
      assertFalse(hub.describe(workflowId).isPresent(), "bad input started " + workflowId);
    }
    assertFalse(hub.describe("pr-7\n8").isPresent());
    assertProblem(hub.get("/events/github/" + delivery), 404, "event_not_found");
  }

  @Test
  void shouldSayWhyAnIdIsRefusedWithoutEchoingIt() {
    String delivery = id() + "x".repeat(1000);
    HttpResponse<String> longId = github("push", delivery, BAD_BODY);
    assertProblem(longId, 400, "invalid_event_id");
    assertTrue(json(longId).get("detail").asText().contains("over Temporal's limit"));
    assertFalse(longId.body().contains(delivery), "the id is not echoed");
    HttpResponse<String> tooLong =
        github(
            "pull_request",
            id(),
            "{\"action\":\"opened\",\"number\":\"" + "9".repeat(1000) + "\"}");
    assertTrue(json(tooLong).get("detail").asText().contains("over Temporal's limit"));
  }

  @Test
  void shouldServeOnlySourcesWithSecretsAndReportHealth() {
    HttpResponse<String> health = hub.get("/health");
    assertEquals(200, health.statusCode(), health.body());
    assertEquals("UP", json(health).get("status").asText());
  }

  @Test
  void shouldKeepSecretsAndSignaturesOutOfTemporalPayloads() throws Exception {
    String delivery = id();
    String body = "{\"zen\":\"Keep it logically awesome.\"}";
    assertEquals(202, github("ping", delivery, body).statusCode());
    var started = hub.temporal().fetchHistory("github-ping-" + delivery).getEvents().get(0);
    String input =
        started
            .getWorkflowExecutionStartedEventAttributes()
            .getInput()
            .getPayloads(0)
            .getData()
            .toStringUtf8();
    String details = started.getUserMetadata().getDetails().getData().toStringUtf8();
    String memo = started.getWorkflowExecutionStartedEventAttributes().getMemo().toString();
    assertTrue(
        input.contains("x-github-delivery") && input.contains("Keep it logically awesome."), input);
    assertTrue(details.contains("x-github-event"), details);
    for (String text : List.of(input, details, memo)) {
      assertFalse(
          text.toLowerCase().contains("x-hub-signature"), "signature header leaked: " + text);
      assertFalse(
          text.contains(TestSigner.github(GITHUB, body).substring(7)), "signature leaked: " + text);
      assertFalse(text.contains(GITHUB), "secret leaked: " + text);
    }
    WorkflowExecutionDescription d = hub.describe("github-ping-" + delivery).orElseThrow();
    assertTrue(
        d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
            || d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }
}
