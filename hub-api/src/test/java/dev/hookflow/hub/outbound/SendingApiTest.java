package dev.hookflow.hub.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.svix.Svix;
import com.svix.SvixOptions;
import com.svix.exceptions.ApiException;
import com.svix.models.ApplicationIn;
import com.svix.models.ApplicationOut;
import com.svix.models.EndpointIn;
import com.svix.models.EndpointOut;
import com.svix.models.EventTypeIn;
import com.svix.models.MessageAttemptOut;
import com.svix.models.MessageIn;
import com.svix.models.MessageOut;
import dev.hookflow.activities.testing.Receiver;
import dev.hookflow.hub.testing.HubHarness;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sending API driven by the official Svix Java client against a real hub (HTTP on loopback, a
 * Temporal test server over gRPC, the embedded PostgreSQL), delivering to a loopback receiver that
 * verifies every signature with the Svix library.
 */
class SendingApiTest {
  static final String TOKEN = "test-management-token";
  static HubHarness hub;
  static Svix svix;
  static Receiver receiver;
  static dev.hookflow.hub.testing.LogWatch logs;

  @BeforeAll
  static void start() throws Exception {
    logs = dev.hookflow.hub.testing.LogWatch.begin();
    hub =
        new HubHarness(
            Map.of(
                "hookflow.management-token",
                TOKEN,
                "hookflow.outbound.retry-schedule",
                "0s,1s,1s"));
    SvixOptions options = new SvixOptions();
    options.setServerUrl(hub.uri("").toString());
    svix = new Svix(TOKEN, options);
    receiver = new Receiver();
  }

  @AfterAll
  static void stop() {
    receiver.close();
    hub.close();
    logs.close();
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

  @Test
  void anOfficialClientPublishesAndTheReceiverVerifiesEveryDelivery() throws Exception {
    ApplicationOut app = svix.getApplication().create(new ApplicationIn().name("Acme").uid("acme"));
    assertTrue(app.getId().startsWith("app_"));
    svix.getEventType()
        .create(
            new EventTypeIn()
                .name("invoice.paid")
                .description("An invoice was paid")
                .schemas(
                    Map.of(
                        "1",
                        Map.of(
                            "type", "object",
                            "required", List.of("amount"),
                            "properties", Map.of("amount", Map.of("type", "integer"))))));
    EndpointOut endpoint =
        svix.getEndpoint()
            .create(
                "acme", // by uid
                new EndpointIn()
                    .url(URI.create(receiver.url("/acme")))
                    .filterTypes(Set.of("invoice.paid"))
                    .uid("billing"));
    String secret = svix.getEndpoint().getSecret("acme", "billing").getKey();
    assertTrue(secret.startsWith("whsec_"));
    receiver.trusting(secret);

    MessageOut message;
    try {
      message =
          svix.getMessage()
              .create(
                  "acme",
                  new MessageIn()
                      .eventType("invoice.paid")
                      .eventId("inv-1")
                      .payload("{\"amount\":5}"));
    } catch (ApiException e) {
      throw new AssertionError(e.getResponseBody(), e);
    }
    assertTrue(message.getId().startsWith("msg_"));
    await("the delivery", () -> receiver.requests.size() == 1);
    Receiver.Request request = receiver.requests.get(0);
    assertEquals(List.of(true), request.verified());
    assertEquals(message.getId(), request.header("webhook-id"));
    assertEquals("{\"amount\":5}", request.body());

    await("the attempt row", () -> attempts(app.getId(), message.getId()).size() == 1);
    MessageAttemptOut attempt = attempts(app.getId(), message.getId()).get(0);
    assertEquals(200, attempt.getResponseStatusCode().intValue());
    assertEquals(endpoint.getId(), attempt.getEndpointId());
    // by eventId as well as by id
    assertEquals(message.getId(), svix.getMessage().get("acme", "inv-1").getId());
    await("success at the endpoint", () -> destinationStatus(message.getId()).equals("success"));

    // an operator resends: one more attempt, trigger manual
    // (The Java client 1.99.1's resend() fails before sending: OkHttp refuses a POST without a
    // body. The request it means to make:)
    HttpResponse<String> resent =
        hub.post(
            "/api/v1/app/acme/msg/" + message.getId() + "/endpoint/billing/resend",
            null,
            "",
            "Authorization",
            "Bearer " + TOKEN);
    assertEquals(202, resent.statusCode(), resent.body());
    await("the resend", () -> receiver.requests.size() == 2);
    await("the resend's row", () -> attempts(app.getId(), message.getId()).size() == 2);
    assertEquals(
        Set.of(0L, 1L),
        Set.copyOf(
            attempts(app.getId(), message.getId()).stream()
                .map(a -> (long) a.getTriggerType().getValue())
                .toList()));

    // the same eventId again: 409, nothing delivered again
    ApiException repeat =
        assertThrows(
            ApiException.class,
            () ->
                svix.getMessage()
                    .create(
                        "acme",
                        new MessageIn()
                            .eventType("invoice.paid")
                            .eventId("inv-1")
                            .payload("{\"amount\":6}")));
    assertEquals(409, repeat.getCode());

    // a payload the event type's schema refuses: 422 naming the field
    ApiException invalid =
        assertThrows(
            ApiException.class,
            () ->
                svix.getMessage()
                    .create(
                        "acme",
                        new MessageIn().eventType("invoice.paid").payload("{\"amount\":\"x\"}")));
    assertEquals(422, invalid.getCode());
    assertTrue(
        invalid.getResponseBody().contains("payload_schema_mismatch"), invalid.getResponseBody());
    assertTrue(invalid.getResponseBody().contains("payload/amount"), invalid.getResponseBody());
    Thread.sleep(300);
    assertEquals(2, receiver.requests.size());
    // Neither the endpoint's signing secret nor the management token reaches the log.
    logs.assertNoneContain(secret, secret.substring("whsec_".length()), TOKEN);
  }

  List<MessageAttemptOut> attempts(String app, String msg) {
    try {
      return svix.getMessageAttempt().listByMsg(app, msg).getData();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  String destinationStatus(String msg) {
    try {
      return svix.getMessageAttempt()
          .listAttemptedDestinations("acme", msg)
          .getData()
          .get(0)
          .getStatusText()
          .getValue();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void listsPageNewestFirstWithStableCursors() throws Exception {
    for (int i = 0; i < 5; i++) {
      svix.getApplication().create(new ApplicationIn().name("page-" + i));
    }
    HttpResponse<String> first = get("/api/v1/app?limit=2");
    JsonNode page = HubHarness.json(first);
    assertEquals(2, page.get("data").size());
    assertFalse(page.get("done").asBoolean());
    String newest = page.get("data").get(0).get("id").asText();
    String second = page.get("data").get(1).get("id").asText();
    assertTrue(newest.compareTo(second) > 0, "newest first");
    JsonNode next =
        HubHarness.json(get("/api/v1/app?limit=2&iterator=" + page.get("iterator").asText()));
    assertTrue(next.get("data").get(0).get("id").asText().compareTo(second) < 0);
    JsonNode back =
        HubHarness.json(get("/api/v1/app?limit=2&iterator=" + next.get("prevIterator").asText()));
    assertEquals(page.get("data"), back.get("data"));
    JsonNode ascending = HubHarness.json(get("/api/v1/app?limit=250&order=ascending"));
    assertTrue(ascending.get("done").asBoolean());
  }

  @Test
  void errorsTakeTheReferenceShapes() throws Exception {
    HttpResponse<String> missing = get("/api/v1/app/app_nothing");
    assertEquals(404, missing.statusCode());
    assertEquals("not_found", HubHarness.json(missing).get("code").asText());
    assertNotNull(HubHarness.json(missing).get("detail").asText());

    HttpResponse<String> invalid =
        hub.post(
            "/api/v1/app",
            "application/json",
            "{\"uid\":\"no spaces\"}",
            "Authorization",
            "Bearer " + TOKEN);
    assertEquals(422, invalid.statusCode());
    JsonNode detail = HubHarness.json(invalid).get("detail");
    assertTrue(detail.isArray());
    assertEquals(
        Set.of("name", "uid"),
        Set.of(detail.get(0).get("loc").get(1).asText(), detail.get(1).get("loc").get(1).asText()));

    HttpResponse<String> noToken = hub.get("/api/v1/app");
    assertEquals(401, noToken.statusCode());
    assertTrue(HubHarness.json(noToken).has("code"));

    HttpResponse<String> notYet = get("/api/v1/app/acme-ops/endpoint/ep_x/stats");
    assertEquals(501, notYet.statusCode());
    assertEquals(204, hub.get("/api/v1/health").statusCode());
  }

  @Test
  void aRepeatedIdempotencyKeyGetsTheFirstAnswer() throws Exception {
    String body = "{\"name\":\"Idem\"}";
    HttpResponse<String> first =
        hub.post(
            "/api/v1/app",
            "application/json",
            body,
            "Authorization",
            "Bearer " + TOKEN,
            "idempotency-key",
            "k-1");
    HttpResponse<String> again =
        hub.post(
            "/api/v1/app",
            "application/json",
            body,
            "Authorization",
            "Bearer " + TOKEN,
            "idempotency-key",
            "k-1");
    assertEquals(201, first.statusCode());
    assertEquals(201, again.statusCode());
    assertEquals(HubHarness.json(first).get("id"), HubHarness.json(again).get("id"));
    HttpResponse<String> other =
        hub.post(
            "/api/v1/app",
            "application/json",
            "{\"name\":\"Other\"}",
            "Authorization",
            "Bearer " + TOKEN,
            "idempotency-key",
            "k-1");
    assertEquals(422, other.statusCode());
  }

  @Test
  void aKeyWhoseFirstRequestIsStillRunningAnswers409() throws Exception {
    // The first request holds the key (claimed, no answer yet), as while it runs.
    String body = "{\"name\":\"Slow\"}";
    String tokenHash =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("Bearer " + TOKEN).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    String bodyHash =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    hub.context()
        .getBean(dev.hookflow.store.IdempotentRequests.class)
        .claim(tokenHash, "k-running", "/api/v1/app", bodyHash, Instant.now());
    HttpResponse<String> second =
        hub.post(
            "/api/v1/app",
            "application/json",
            body,
            "Authorization",
            "Bearer " + TOKEN,
            "idempotency-key",
            "k-running");
    assertEquals(409, second.statusCode(), second.body());
    assertEquals("idempotency_in_progress", HubHarness.json(second).get("code").asText());
  }

  @Test
  void patchMergesAndNullClears() throws Exception {
    ApplicationOut app =
        svix.getApplication()
            .create(new ApplicationIn().name("Patchy").uid("patchy").metadata(Map.of("a", "1")));
    HttpResponse<String> patched =
        patch("/api/v1/app/patchy", "{\"uid\":null,\"name\":\"Patched\"}");
    assertEquals(200, patched.statusCode(), patched.body());
    JsonNode out = HubHarness.json(patched);
    assertTrue(out.get("uid").isNull());
    assertEquals("Patched", out.get("name").asText());
    assertEquals("1", out.get("metadata").get("a").asText());
    assertEquals(app.getId(), out.get("id").asText());
  }

  HttpResponse<String> get(String path) {
    return hub.get(path, "Authorization", "Bearer " + TOKEN);
  }

  HttpResponse<String> patch(String path, String body) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(hub.uri(path))
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
  }
}
