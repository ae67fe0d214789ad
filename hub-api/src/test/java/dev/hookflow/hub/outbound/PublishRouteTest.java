package dev.hookflow.hub.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookflow.activities.testing.Receiver;
import dev.hookflow.hub.testing.HubHarness;
import dev.hookflow.hub.testing.LogWatch;
import dev.hookflow.store.Ids;
import dev.hookflow.store.MessageRepository;
import dev.hookflow.store.MessageRow;
import dev.hookflow.store.Times;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inbound to outbound: a verified GitHub webhook that a {@code publish:} route turns into a message
 * of an application, delivered signed to the application's endpoint (a loopback receiver verifying
 * with the official Svix library). A real hub over HTTP, the Temporal test server, the embedded
 * PostgreSQL.
 */
class PublishRouteTest {
  static final String TOKEN = "publish-route-token";
  static final String GITHUB = "gh-publish-secret";
  static HubHarness hub;
  static Receiver receiver;
  static LogWatch logs;

  @BeforeAll
  static void start() throws Exception {
    logs = LogWatch.begin();
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("hookflow.management-token", TOKEN);
    props.put("hookflow.sources.github.secrets", GITHUB);
    props.put(
        "hookflow.routes",
        List.of(
            Map.of(
                "name",
                "to-partners",
                "source",
                "github",
                "events",
                List.of("push"),
                "publish",
                Map.of("app", "partners", "event-type", "github.{type}")),
            Map.of(
                "name",
                "repo-only",
                "source",
                "github",
                "events",
                List.of("release"),
                "publish",
                Map.of(
                    "app",
                    "partners",
                    "event-type",
                    "repo.released",
                    "payload",
                    "/repository",
                    "event-id",
                    "rel-{/release/id}")),
            Map.of(
                "name",
                "nowhere",
                "source",
                "github",
                "events",
                List.of("issues"),
                "publish",
                Map.of("app", "not-created-yet", "event-type", "github.issues"))));
    hub = new HubHarness(props);
    receiver = new Receiver();
    api("/api/v1/app", "{\"name\":\"Partners\",\"uid\":\"partners\"}", 201);
    api(
        "/api/v1/app/partners/endpoint",
        "{\"url\":\"" + receiver.url("/partners") + "\",\"uid\":\"main\"}",
        201);
    String secret =
        HubHarness.json(hub.get("/api/v1/app/partners/endpoint/main/secret", auth()))
            .get("key")
            .asText();
    receiver.trusting(secret);
  }

  @AfterAll
  static void stop() {
    receiver.close();
    hub.close();
    logs.close();
    logs.assertNoneContain(GITHUB, TOKEN);
  }

  static String[] auth() {
    return new String[] {"Authorization", "Bearer " + TOKEN};
  }

  static JsonNode api(String path, String body, int status) {
    HttpResponse<String> response = hub.post(path, "application/json", body, auth());
    assertEquals(status, response.statusCode(), response.body());
    return HubHarness.json(response);
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  static List<Receiver.Request> received(String webhookId) {
    return receiver.requests.stream()
        .filter(r -> webhookId.equals(r.header("webhook-id")))
        .toList();
  }

  @Test
  void aVerifiedWebhookIsPublishedOnceToTheApplicationsEndpoints() throws Exception {
    String body = "{\"ref\":\"refs/heads/main\",\"after\":\"abc\"}";

    HttpResponse<String> accepted = hub.postGithub(GITHUB, "push", "d-1", body);

    assertEquals(202, accepted.statusCode(), accepted.body());
    JsonNode delivery = HubHarness.json(accepted).at("/deliveries/0");
    assertEquals("published", delivery.get("outcome").asText(), accepted.body());
    assertEquals("to-partners", delivery.get("route").asText());
    String workflowId = delivery.get("workflowId").asText();
    assertTrue(workflowId.startsWith("delivery/app_"), workflowId);

    JsonNode message =
        HubHarness.json(hub.get("/api/v1/app/partners/msg/github-d-1", auth())); // by eventId
    String msgId = message.get("id").asText();
    assertEquals("github.push", message.get("eventType").asText());
    assertTrue(workflowId.contains("/" + msgId + "/ep_"), "the delivery to the one endpoint");
    await("the delivery", () -> received(msgId).size() == 1);
    Receiver.Request request = received(msgId).get(0);
    assertEquals(List.of(true), request.verified(), "signed with the endpoint's secret");
    assertEquals(HubHarness.JSON.readTree(body), HubHarness.JSON.readTree(request.body()));

    // The sender's retry of the same webhook publishes nothing again.
    HttpResponse<String> repeat = hub.postGithub(GITHUB, "push", "d-1", body);
    assertEquals(202, repeat.statusCode(), repeat.body());
    assertEquals("duplicate", HubHarness.json(repeat).get("status").asText(), repeat.body());
    assertEquals(
        "duplicate", HubHarness.json(repeat).at("/deliveries/0/outcome").asText(), repeat.body());
    Thread.sleep(500);
    assertEquals(1, received(msgId).size());
    JsonNode listed = HubHarness.json(hub.get("/api/v1/app/partners/msg?limit=50", auth()));
    long copies =
        java.util.stream.StreamSupport.stream(listed.get("data").spliterator(), false)
            .filter(m -> "github-d-1".equals(m.path("eventId").asText()))
            .count();
    assertEquals(1, copies);

    // The hub's event view finds the webhook and what it became.
    JsonNode event = HubHarness.json(hub.get("/events/github/d-1", auth()));
    assertEquals("published", event.at("/deliveries/0/outcome").asText(), event.toString());
    // A published message is resent per endpoint (/api/v1), not replayed as a whole.
    JsonNode replay =
        HubHarness.json(hub.post("/events/github/d-1/replay", "application/json", "{}", auth()));
    assertEquals("not_replayable", replay.at("/deliveries/0/outcome").asText(), replay.toString());
  }

  @Test
  void aPointerPublishesPartOfThePayloadUnderATemplatedEventId() throws Exception {
    String body = "{\"release\":{\"id\":77},\"repository\":{\"full_name\":\"acme/app\"}}";

    HttpResponse<String> accepted = hub.postGithub(GITHUB, "release", "d-2", body);

    assertEquals(202, accepted.statusCode(), accepted.body());
    JsonNode message = HubHarness.json(hub.get("/api/v1/app/partners/msg/rel-77", auth()));
    assertEquals("repo.released", message.get("eventType").asText());
    String msgId = message.get("id").asText();
    await("the delivery", () -> received(msgId).size() == 1);
    assertEquals("{\"full_name\":\"acme/app\"}", received(msgId).get(0).body());

    // The pointer selects no object: refused, nothing stored.
    HttpResponse<String> refused =
        hub.postGithub(GITHUB, "release", "d-3", "{\"release\":{\"id\":78},\"repository\":1}");
    HubHarness.assertProblem(refused, 422, "route_template_unresolved");
    assertEquals(404, hub.get("/api/v1/app/partners/msg/rel-78", auth()).statusCode());
  }

  @Test
  void aMissingApplicationIsRefusedWithRetryAfterUntilItExists() throws Exception {
    String body = "{\"action\":\"opened\"}";

    HttpResponse<String> refused = hub.postGithub(GITHUB, "issues", "d-4", body);

    HubHarness.assertProblem(refused, 409, "application_not_found");
    assertTrue(refused.headers().firstValue("Retry-After").isPresent());
    api("/api/v1/app", "{\"name\":\"Later\",\"uid\":\"not-created-yet\"}", 201);
    HttpResponse<String> retried = hub.postGithub(GITHUB, "issues", "d-4", body);
    assertEquals(202, retried.statusCode(), retried.body());
    assertEquals(
        "published", HubHarness.json(retried).at("/deliveries/0/outcome").asText(), retried.body());
  }

  @Test
  void aMessageStoredButNeverDispatchedIsDispatchedByTheSendersRetry() throws Exception {
    // What a hub killed between storing a message and starting its dispatch leaves behind.
    String appId = HubHarness.json(hub.get("/api/v1/app/partners", auth())).get("id").asText();
    MessageRow orphan =
        new MessageRow(
            Ids.next("msg_"),
            appId,
            "github-d-5",
            "github.push",
            null,
            "{\"after\":\"def\"}",
            Times.now());
    hub.context().getBean(MessageRepository.class).save(orphan);

    HttpResponse<String> retried = hub.postGithub(GITHUB, "push", "d-5", "{\"after\":\"def\"}");

    assertEquals(202, retried.statusCode(), retried.body());
    assertEquals("duplicate", HubHarness.json(retried).get("status").asText());
    await("the orphan's delivery", () -> received(orphan.id()).size() == 1);
    assertTrue(
        logs.lines().stream().anyMatch(l -> l.contains("WARN") && l.contains(orphan.id())),
        "the repair is logged");
    HttpResponse<String> again = hub.postGithub(GITHUB, "push", "d-5", "{\"after\":\"def\"}");
    assertEquals(202, again.statusCode(), again.body());
    Thread.sleep(500);
    assertEquals(1, received(orphan.id()).size(), "dispatched once");
  }
}
