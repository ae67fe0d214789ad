package dev.hookflow.hub.inbound.intake;

import static dev.hookflow.hub.testing.HubHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.testing.HubHarness;
import dev.hookflow.hub.testing.LogWatch;
import dev.hookflow.hub.testing.TestSigner;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every refused webhook leaves one line in the log; an ignored event stays findable. */
class RefusalTest {
  static final String SECRET = "refusal-secret";
  static HubHarness hub;
  static LogWatch logs;

  @BeforeAll
  static void start() {
    logs = LogWatch.begin();
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("hookflow.sources.github.secrets", SECRET);
    props.put("micronaut.server.max-request-size", "64KB");
    props.put(
        "hookflow.routes",
        List.of(Map.of("source", "github", "events", List.of("push"), "start", "EventLog")));
    hub = new HubHarness(props);
  }

  @AfterAll
  static void stop() {
    hub.close();
    logs.close();
    logs.assertNoneContain(SECRET);
  }

  static List<String> refusals(String code) {
    return logs.lines().stream()
        .filter(line -> line.contains("Refused webhook") && line.contains("code=" + code + " "))
        .toList();
  }

  @Test
  void shouldLogARefusedSignatureAtWarnWithSourceClientAndEventIdButNoSignatureOrBody() {
    String delivery = UUID.randomUUID().toString();
    String body = "{\"secret_field\":\"do-not-log-" + delivery + "\"}";
    String wrong = TestSigner.github("some-other-secret", body);
    HttpResponse<String> refused = hub.postGithub("some-other-secret", "push", delivery, body);
    HubHarness.assertProblem(refused, 401, "invalid_signature");

    List<String> lines = refusals("invalid_signature");
    assertEquals(1, lines.size(), lines.toString());
    String line = lines.get(0);
    assertTrue(line.startsWith("WARN"), line);
    assertTrue(line.contains("source=github"), line);
    assertTrue(line.contains("status=401"), line);
    assertTrue(line.contains("client=127.0.0.1"), line);
    assertFalse(line.contains(wrong.substring(7)), "no signature in the log: " + line);
    assertFalse(line.contains("do-not-log"), "no body in the log: " + line);
  }

  @Test
  void shouldLogBadInputAtInfoWithTheEventIdOnceItWasRead() {
    String delivery = UUID.randomUUID().toString();
    String body = "{}";
    HttpResponse<String> refused =
        hub.post(
            "/webhooks/github",
            "application/json",
            body,
            "X-GitHub-Delivery",
            delivery,
            "X-Hub-Signature-256",
            TestSigner.github(SECRET, body));
    HubHarness.assertProblem(refused, 400, "missing_event_type");
    String line =
        refusals("missing_event_type").stream()
            .filter(l -> l.contains(delivery))
            .findFirst()
            .orElseThrow(() -> new AssertionError(logs.lines().toString()));
    assertTrue(line.startsWith("INFO"), line);
    assertTrue(line.contains("eventId=" + delivery), line);

    HubHarness.assertProblem(
        hub.post("/webhooks/nosuch", "application/json", "{}"), 404, "unknown_source");
    assertTrue(refusals("unknown_source").stream().anyMatch(l -> l.contains("source=nosuch")));
  }

  @Test
  void shouldAnswerABodyOverTheServerCapWithOneConsistentDetailAndLogIt() {
    String body = "{\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";
    HttpResponse<String> refused = hub.postGithub(SECRET, "push", "big-1", body);
    JsonNode problem = HubHarness.assertProblem(refused, 413, "payload_too_large");
    assertEquals("Body larger than the hub accepts", problem.get("title").asText());
    assertEquals(
        "The body is larger than the hub's server accepts (65536 bytes,"
            + " micronaut.server.max-request-size); nothing was started",
        problem.get("detail").asText());
    assertFalse(refusals("payload_too_large").isEmpty(), logs.lines().toString());
  }

  @Test
  void shouldFindAnIgnoredEventAsIgnored() {
    String delivery = UUID.randomUUID().toString();
    HttpResponse<String> ignored =
        hub.postGithub(SECRET, "star", delivery, "{\"action\":\"created\"}");
    assertEquals(202, ignored.statusCode(), ignored.body());
    assertEquals("ignored", json(ignored).get("status").asText());

    HttpResponse<String> view = hub.get("/events/github/" + delivery);
    assertEquals(200, view.statusCode(), view.body());
    assertEquals("ignored", json(view).get("status").asText());
    assertEquals("star", json(view).get("type").asText());
    assertEquals(0, json(view).get("deliveries").size());
  }

  @Test
  void shouldRateLimitTheRefusalLogPerSourceAndCodeAndSayHowManyItLeftOut() {
    try (LogWatch own = LogWatch.begin()) {
      MutableClock clock = new MutableClock();
      RefusalLog log = new RefusalLog(clock);
      for (int i = 0; i < RefusalLog.PER_MINUTE + 5; i++) {
        log.refused("flood", true, ProblemCode.INVALID_SIGNATURE, "10.0.0.1", "e" + i);
      }
      log.refused("flood", true, ProblemCode.MALFORMED_BODY, "10.0.0.1", "other-code");
      List<String> written = own.lines().stream().filter(l -> l.contains("source=flood")).toList();
      assertEquals(RefusalLog.PER_MINUTE + 1, written.size(), "20 a minute, per code");

      clock.now = clock.now.plusSeconds(60);
      log.refused("flood", true, ProblemCode.INVALID_SIGNATURE, "10.0.0.1", "late");
      String next = own.lines().get(own.lines().size() - 1);
      assertTrue(
          next.contains("eventId=late") && next.contains("(5 similar refusals not logged)"), next);
    }
  }

  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-12-02T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
