package dev.hookflow.hub.inbound.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookflow.hub.testing.HubHarness;
import dev.hookflow.hub.testing.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /prometheus} over a running hub: exact counts per outcome, bounded series. */
class MetricsTest {
  static final String SECRET = "metrics-secret";
  static HubHarness hub;

  @BeforeAll
  static void start() {
    hub =
        new HubHarness(
            Map.of(
                "hookflow.sources.github.secrets",
                SECRET,
                "hookflow.routes",
                List.of(
                    Map.of("source", "github", "events", List.of("push"), "start", "EventLog"))));
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  static String scrape() {
    var response = hub.get("/prometheus");
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }

  /** Sample values by series (name and labels), from the Prometheus text format. */
  static Map<String, Double> samples(String text) {
    Map<String, Double> out = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return out;
  }

  static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
    return after.getOrDefault(series, 0.0) - before.getOrDefault(series, 0.0);
  }

  static String webhooks(String source, String outcome, String code) {
    return "hookflow_webhooks_total{code=\""
        + code
        + "\",outcome=\""
        + outcome
        + "\",source=\""
        + source
        + "\"}";
  }

  @Test
  void shouldCountEveryOutcomeExactlyAndTimeEachWebhook() {
    Map<String, Double> before = samples(scrape());
    String id = UUID.randomUUID().toString();
    String body = "{\"ref\":\"refs/heads/main\"}";
    assertEquals(202, hub.postGithub(SECRET, "push", id, body).statusCode());
    assertEquals(202, hub.postGithub(SECRET, "push", id, body).statusCode());
    assertEquals(
        202, hub.postGithub(SECRET, "star", UUID.randomUUID().toString(), body).statusCode());
    assertEquals(
        401, hub.postGithub("wrong", "push", UUID.randomUUID().toString(), body).statusCode());
    assertEquals(404, hub.post("/webhooks/nope", "application/json", body).statusCode());
    hub.stopTemporal();
    try {
      assertEquals(
          503, hub.postGithub(SECRET, "push", UUID.randomUUID().toString(), body).statusCode());
    } finally {
      hub.startTemporal();
    }
    Map<String, Double> after = samples(scrape());

    assertEquals(1.0, delta(before, after, webhooks("github", "accepted", "none")));
    assertEquals(1.0, delta(before, after, webhooks("github", "duplicate", "none")));
    assertEquals(1.0, delta(before, after, webhooks("github", "ignored", "none")));
    assertEquals(1.0, delta(before, after, webhooks("github", "rejected", "invalid_signature")));
    assertEquals(1.0, delta(before, after, webhooks("unknown", "rejected", "unknown_source")));
    assertEquals(1.0, delta(before, after, webhooks("github", "rejected", "temporal_unavailable")));
    assertEquals(
        5.0, delta(before, after, "hookflow_webhook_duration_seconds_count{source=\"github\"}"));
    assertEquals(
        3.0, delta(before, after, "hookflow_webhook_payload_bytes_count{source=\"github\"}"));
    assertEquals(
        1.0,
        delta(
            before,
            after,
            "hookflow_temporal_dispatch_seconds_count{action=\"start\",outcome=\"started\"}"));
    assertEquals(
        1.0,
        delta(
            before,
            after,
            "hookflow_temporal_dispatch_seconds_count{action=\"start\",outcome=\"duplicate\"}"));
    assertEquals(
        1.0,
        delta(
            before,
            after,
            "hookflow_temporal_dispatch_seconds_count{action=\"start\",outcome=\"temporal_unavailable\"}"));
    assertEquals(
        3.0 * body.length(),
        delta(before, after, "hookflow_webhook_payload_bytes_sum{source=\"github\"}"));
  }

  @Test
  void shouldKeepTheSeriesCountBoundedWhenAThousandDistinctEventsArrive() {
    String body = "{\"ref\":\"x\"}";
    hub.postGithub(SECRET, "kind-0", "warm-" + UUID.randomUUID(), body);
    long seriesBefore = hookflowSeries(scrape());
    for (int i = 0; i < 1000; i++) {
      hub.postGithub(SECRET, "kind-" + i, UUID.randomUUID().toString(), body);
    }
    assertEquals(seriesBefore, hookflowSeries(scrape()), "no label per event id or type");
  }

  static long hookflowSeries(String text) {
    return samples(text).keySet().stream().filter(s -> s.startsWith("hookflow_")).count();
  }

  @Test
  void shouldServeTemporalSdkMetricsInTheSameRegistry() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (samples(scrape()).keySet().stream().noneMatch(s -> s.startsWith("temporal_"))) {
      assertTrue(System.nanoTime() < deadline, "no temporal_ series within 30 s");
      Thread.sleep(500);
    }
  }

  @Test
  void shouldPassPromtoolsCheckOfTheScrape() throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    Prerequisites.require(
        Files.isExecutable(promtool), Prerequisites.PROMETHEUS, "No promtool at " + promtool);
    hub.postGithub(SECRET, "push", UUID.randomUUID().toString(), "{}");
    Process check =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (var in = check.getOutputStream()) {
      in.write(scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    String output = new String(check.getInputStream().readAllBytes());
    assertTrue(check.waitFor(30, TimeUnit.SECONDS));
    // Lint remarks (names, units) are printed; a malformed exposition fails with exit 1 or more.
    assertTrue(
        check.exitValue() == 0 || !output.contains("error"), "promtool check metrics: " + output);
  }
}
