package dev.hookflow.hub.inbound.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookflow.hub.testing.HubHarness;
import dev.hookflow.hub.testing.TestSigner;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The promise: no 2xx unless Temporal holds the event. With Temporal down the sender gets 503 and
 * {@code Retry-After}; the same delivery, sent again once Temporal is back, is accepted.
 */
class TemporalOutageTest {
  static final WorkflowExecutionStatus COMPLETED =
      WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;

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

  @Test
  void shouldStartWhileTemporalIsDownAndRunWorkflowsOnceItIsBack() throws Exception {
    try (HubHarness hub =
        HubHarness.startedWhileTemporalIsDown(
            Map.of("hookflow.sources.github.secrets", "s", "hookflow.dispatch-deadline", "5s"))) {
      String body = "{\"ref\":\"refs/heads/main\"}";
      assertEquals(503, hub.get("/health").statusCode());
      HubHarness.assertProblem(
          hub.postGithub("s", "push", "late-1", body), 503, "temporal_unavailable");

      hub.startTemporal();
      HttpResponse<String> back = null;
      for (int attempt = 0; attempt < 30; attempt++) {
        back = hub.postGithub("s", "push", "late-1", body);
        if (back.statusCode() == 202) {
          break;
        }
        Thread.sleep(1000);
      }
      assertEquals(202, back.statusCode(), back.body());
      // Completing takes this process's worker, which could not start with the hub.
      WorkflowExecutionStatus status = null;
      for (int i = 0; i < 300 && status != COMPLETED; i++) {
        status = hub.describe("github-push-late-1").orElseThrow().getStatus();
        Thread.sleep(100);
      }
      assertEquals(COMPLETED, status);
    }
  }
}
