package dev.hookflow.hub.integrations;

import static dev.hookflow.activities.testing.ScriptedDownstream.Answer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookflow.activities.testing.ScriptedDownstream;
import dev.hookflow.hub.testing.HubHarness;
import dev.hookflow.hub.testing.LogWatch;
import dev.hookflow.signatures.StandardWebhooks;
import dev.hookflow.workflows.relay.DeliveryReceipt;
import dev.hookflow.workflows.relay.RelayResult;
import io.temporal.client.WorkflowFailedException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A relay route from configuration only: a GitHub event relayed to two destinations, one of which
 * fails; its dead letter is visible through {@code GET /events/...} and replayed with {@code POST
 * /events/.../replay} once the destination recovers.
 */
class RelayReplayTest {
  static final String GITHUB = "gh-relay";
  static final String SECRET = "whsec_" + "c2lnbmluZy1rZXktZm9yLXJlbGF5LXRlc3RzLTMyYg==";
  static final String API_KEY = "key-never-logged";

  static ScriptedDownstream downstream;
  static HubHarness hub;
  static LogWatch logs;

  @BeforeAll
  static void start() throws Exception {
    logs = LogWatch.begin();
    downstream = new ScriptedDownstream(System::currentTimeMillis);
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("hookflow.sources.github.secrets", GITHUB);
    props.put("hookflow.policies.quick.initial-interval", "100ms");
    props.put("hookflow.policies.quick.maximum-interval", "200ms");
    props.put("hookflow.policies.quick.maximum-attempts", 3);
    props.put(
        "hookflow.routes",
        List.of(
            Map.of(
                "name",
                "audit",
                "source",
                "github",
                "events",
                List.of("push"),
                "relay",
                List.of(
                    Map.of(
                        "name",
                        "healthy",
                        "url",
                        downstream.url() + "/relay/healthy",
                        "secret",
                        SECRET,
                        "policy",
                        "quick"),
                    Map.of(
                        "name",
                        "broken",
                        "url",
                        downstream.url() + "/relay/broken?token=in-url",
                        "secret",
                        SECRET,
                        "policy",
                        "quick",
                        "headers",
                        Map.of("X-Api-Key", API_KEY))))));
    hub = new HubHarness(props);
  }

  @AfterAll
  static void stop() {
    hub.close();
    logs.close();
    // Every request of the class, good and bad, has been logged by now.
    logs.assertNoneContain(GITHUB, SECRET, SECRET.substring("whsec_".length()), API_KEY);
    downstream.close();
  }

  @Test
  void shouldDeadLetterFailedDestinationAndDeliverItOnReplay() throws Exception {
    CountDownLatch hold = new CountDownLatch(1);
    downstream.script("POST /relay/broken", status(503).heldBy(hold));
    downstream.always("POST /relay/broken", status(503));
    String body = "{\"ref\":\"refs/heads/main\",\"after\":\"abc\"}";

    HttpResponse<String> accepted = hub.postGithub(GITHUB, "push", "relay-d1", body);

    assertEquals(202, accepted.statusCode(), accepted.body());
    String workflowId = HubHarness.json(accepted).at("/deliveries/0/workflowId").asText();
    assertEquals("relay-audit-github-relay-d1", workflowId);
    downstream.awaitCalls("POST /relay/broken", 1);
    HubHarness.assertProblem(
        hub.post("/events/github/relay-d1/replay", "application/json", "{}"),
        409,
        "replay_conflict");
    hold.countDown();

    assertThrows(
        WorkflowFailedException.class,
        () -> hub.stub(workflowId).getResult(30, TimeUnit.SECONDS, RelayResult.class));
    assertEquals(3, downstream.calls("POST /relay/broken").size(), "quick policy: 3 attempts");
    assertEquals(1, downstream.calls("POST /relay/healthy").size());
    JsonNode deadLetter = HubHarness.json(hub.get("/events/github/relay-d1")).at("/deliveries/0");
    assertEquals("failed", deadLetter.get("status").asText());
    String failure = deadLetter.get("failure").asText();
    assertTrue(failure.contains("broken"), failure);
    assertTrue(failure.contains("answered 503"), failure);
    assertFalse(failure.contains(API_KEY) || failure.contains("in-url"), failure);
    assertEquals(API_KEY, downstream.calls("POST /relay/broken").get(0).header("X-Api-Key"));

    downstream.always("POST /relay/broken", status(204));
    HttpResponse<String> replayed =
        hub.post(
            "/events/github/relay-d1/replay",
            "application/json",
            "{\"reason\":\"broken endpoint fixed\"}");

    assertEquals(200, replayed.statusCode(), replayed.body());
    JsonNode replay = HubHarness.json(replayed);
    assertEquals("broken endpoint fixed", replay.get("reason").asText());
    assertEquals("replayed", replay.at("/deliveries/0/outcome").asText());
    String newRun = replay.at("/deliveries/0/runId").asText();
    assertNotEquals(deadLetter.get("runId").asText(), newRun);
    RelayResult result = hub.stub(workflowId).getResult(30, TimeUnit.SECONDS, RelayResult.class);
    // Only the destination that had not accepted it is sent the event again.
    assertEquals(
        List.of("broken"), result.receipts().stream().map(DeliveryReceipt::destination).toList());
    assertEquals(1, downstream.calls("POST /relay/healthy").size());
    var delivered = downstream.calls("POST /relay/broken");
    var last = delivered.get(delivered.size() - 1);
    assertEquals("github-relay-d1", last.header("webhook-id"));
    assertEquals(
        StandardWebhooks.signing(SECRET)
            .sign(
                last.header("webhook-id"),
                Long.parseLong(last.header("webhook-timestamp")),
                last.body().getBytes(StandardCharsets.UTF_8)),
        last.header("webhook-signature"));
    assertEquals(body.replace(" ", ""), last.body());
    JsonNode after = HubHarness.json(hub.get("/events/github/relay-d1")).at("/deliveries/0");
    assertEquals("completed", after.get("status").asText());
    // Relays are deliveries: every attempt is in the sending API, under the route's application.
    JsonNode attempts =
        HubHarness.json(hub.get("/api/v1/app/relay-audit/attempt/msg/github-relay-d1?limit=50"));
    java.util.Map<String, Integer> byStatus = new java.util.TreeMap<>();
    attempts
        .get("data")
        .forEach(a -> byStatus.merge(a.get("responseStatusCode").asText(), 1, Integer::sum));
    assertEquals(java.util.Map.of("200", 1, "204", 1, "503", 3), byStatus, attempts.toString());
    assertEquals(newRun, after.get("runId").asText());
    var description = hub.describe(workflowId).orElseThrow();
    assertEquals("broken endpoint fixed", description.getMemo("replayReason", String.class));

    // Replaying a relay every destination accepted means "send it again": to all of them.
    assertEquals(
        200,
        hub.post("/events/github/relay-d1/replay", "application/json", "{\"reason\":\"resend\"}")
            .statusCode());
    RelayResult resent = hub.stub(workflowId).getResult(30, TimeUnit.SECONDS, RelayResult.class);
    assertEquals(2, resent.receipts().size());
    assertEquals(2, downstream.calls("POST /relay/healthy").size());
  }

  @Test
  void shouldRefuseManagementCallsWithoutTheTokenWhenOneIsSet() {
    try (HubHarness guarded =
        new HubHarness(
            Map.of(
                "hookflow.sources.github.secrets",
                GITHUB,
                "hookflow.management-token",
                "mgmt-t0ken"))) {
      assertEquals(202, guarded.postGithub(GITHUB, "push", "guarded-1", "{\"a\":1}").statusCode());
      HubHarness.assertProblem(
          guarded.get("/events/github/guarded-1"), 401, "unauthorized", "mgmt-t0ken");
      HubHarness.assertProblem(
          guarded.post(
              "/events/github/guarded-1/replay",
              "application/json",
              "{}",
              "Authorization",
              "Bearer wrong"),
          401,
          "unauthorized",
          "mgmt-t0ken");
      HttpResponse<String> allowed =
          guarded.get("/events/github/guarded-1", "Authorization", "Bearer mgmt-t0ken");
      assertEquals(200, allowed.statusCode(), allowed.body());
      assertEquals(200, guarded.get("/health").statusCode(), "health stays open");
    }
  }

  @Test
  void shouldAnswerNotFoundWhenReplayingUnknownEvent() {
    HubHarness.assertProblem(
        hub.post("/events/github/nope/replay", "application/json", "{}"), 404, "event_not_found");
  }
}
