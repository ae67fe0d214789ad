package dev.hookflow.hub.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookflow.hub.testing.HubHarness;
import dev.hookflow.hub.testing.TestSigner;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The promise: no 2xx unless Temporal holds the event. With Temporal down the sender gets 503 and
 * {@code Retry-After}; the same delivery, sent again once Temporal is back, is accepted.
 */
class TemporalOutageTest {

  @Test
  void shouldAnswer503WhileTemporalIsDownAndAcceptSameDeliveryAfterwards() throws Exception {
    try (HubHarness hub =
        new HubHarness(
            Map.of("hookflow.sources.github.secrets", "s", "hookflow.dispatch-deadline", "2s"))) {
      String body = "{\"ref\":\"refs/heads/main\"}";
      String[] headers = {
        "X-GitHub-Event",
        "push",
        "X-GitHub-Delivery",
        "outage-1",
        "X-Hub-Signature-256",
        TestSigner.github("s", body)
      };

      hub.stopTemporal();
      long started = System.nanoTime();
      HttpResponse<String> down = hub.post("/webhooks/github", "application/json", body, headers);
      long tookMs = (System.nanoTime() - started) / 1_000_000;
      HubHarness.assertProblem(down, 503, "temporal_unavailable");
      assertEquals("5", down.headers().firstValue("Retry-After").orElse(null));
      assertTrue(tookMs < 15_000, "503 must come within the deadline, took " + tookMs + " ms");
      assertEquals(503, hub.get("/health").statusCode());

      hub.startTemporal();
      HttpResponse<String> back = null;
      for (int attempt = 0; attempt < 30; attempt++) {
        back = hub.post("/webhooks/github", "application/json", body, headers);
        if (back.statusCode() == 202) {
          break;
        }
        assertEquals(503, back.statusCode(), back.body());
        Thread.sleep(1000);
      }
      assertEquals(202, back.statusCode(), back.body());
      // "duplicate" is right too: an attempt answered 503 at its deadline may still have landed.
      var delivery = HubHarness.json(back).get("deliveries").get(0);
      assertTrue(
          Set.of("started", "duplicate").contains(delivery.get("outcome").asText()), back.body());
      var workflow = hub.describe("github-push-outage-1").orElseThrow();
      assertEquals("EventLog", workflow.getWorkflowType());
      assertEquals(delivery.get("runId").asText(), workflow.getExecution().getRunId());
      assertEquals(200, hub.get("/health").statusCode());
    }
  }
}
