package dev.hookflow.hub.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookflow.hub.testing.HubHarness;
import dev.hookflow.hub.testing.Prerequisites;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package) scrapes a running hub on loopback; its HTTP API then counts
 * the webhooks sent, and every PromQL expression of the Grafana dashboard parses and returns series
 * (Grafana itself is not installable here).
 */
class PrometheusIT {
  static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  static final Path DASHBOARD =
      Path.of("..", "observability", "grafana", "dashboards", "hookflow.json");
  static final String SECRET = "prometheus-it-secret";
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;

  @Test
  void shouldCountWebhooksInPrometheusAndAnswerEveryDashboardQuery() throws Exception {
    Prerequisites.require(
        Files.isExecutable(PROMETHEUS), Prerequisites.PROMETHEUS, "No Prometheus at " + PROMETHEUS);
    try (HubHarness hub =
        new HubHarness(
            Map.of(
                "hookflow.sources.github.secrets",
                SECRET,
                "hookflow.routes",
                List.of(
                    Map.of("source", "github", "events", List.of("push"), "start", "EventLog"))))) {
      int port = HubHarness.freePort();
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(
          config,
          """
          global:
            scrape_interval: 1s
          scrape_configs:
            - job_name: hookflow
              metrics_path: /prometheus
              static_configs:
                - targets: ["%s"]
          """
              .formatted(hub.uri("/").getAuthority()));
      Process prometheus =
          new ProcessBuilder(
                  PROMETHEUS.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + dir.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + port)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("prometheus.log").toFile())
              .start();
      try {
        for (int i = 0; i < 5; i++) {
          assertEquals(
              202,
              hub.postGithub(SECRET, "push", UUID.randomUUID().toString(), "{\"ref\":\"x\"}")
                  .statusCode());
        }
        hub.postGithub("wrong", "push", UUID.randomUUID().toString(), "{}");

        String accepted = "sum(hookflow_webhooks_total{source=\"github\",outcome=\"accepted\"})";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (value(query(port, accepted)) != 5.0) {
          assertTrue(
              System.nanoTime() < deadline,
              "Prometheus did not see 5 accepted webhooks: "
                  + Files.readString(dir.resolve("prometheus.log")));
          Thread.sleep(500);
        }
        // The Temporal SDK reports its metrics every 10 s; rates need two scrapes after that.
        while (query(port, "temporal_request_total").at("/data/result").isEmpty()) {
          assertTrue(System.nanoTime() < deadline, "no Temporal SDK metrics scraped");
          Thread.sleep(500);
        }
        Thread.sleep(4000);
        List<String> empty = new ArrayList<>();
        for (JsonNode panel : HubHarness.JSON.readTree(DASHBOARD.toFile()).get("panels")) {
          for (JsonNode target : panel.get("targets")) {
            String expr =
                target.get("expr").asText().replace("[5m]", "[1m]").replace("[1h]", "[1m]");
            JsonNode answer = query(port, expr);
            assertEquals("success", answer.get("status").asText(), expr + " -> " + answer);
            if (answer.at("/data/result").isEmpty()) {
              empty.add(panel.get("title").asText() + ": " + expr);
            }
          }
        }
        assertTrue(empty.isEmpty(), "dashboard queries without series: " + empty);
      } finally {
        prometheus.destroy();
        prometheus.waitFor(20, TimeUnit.SECONDS);
      }
    }
  }

  static JsonNode query(int port, String expr) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + port
                            + "/api/v1/query?query="
                            + URLEncoder.encode(expr, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return HubHarness.JSON.readTree(response.body());
  }

  static double value(JsonNode answer) {
    JsonNode result = answer.at("/data/result");
    return result.isEmpty() ? Double.NaN : result.get(0).at("/value/1").asDouble();
  }
}
