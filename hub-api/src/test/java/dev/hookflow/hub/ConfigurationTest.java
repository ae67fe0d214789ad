package dev.hookflow.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookflow.hub.testing.HubHarness;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationTest {

  @Test
  void shouldRefuseToStartWithUnknownVerifier() {
    Exception e =
        assertThrows(
            Exception.class,
            () ->
                ApplicationContext.run(
                    EmbeddedServer.class,
                    Map.of(
                        "micronaut.server.port", -1,
                        "hookflow.temporal.embedded-port", 0,
                        "hookflow.sources.acme.verifier", "md5-please",
                        "hookflow.sources.acme.secrets", "x",
                        "hookflow.sources.acme.event-id", "/id",
                        "hookflow.sources.acme.event-type", "/type")));
    String messages = chain(e);
    assertTrue(
        messages.contains("hookflow.sources.acme") && messages.contains("md5-please"), messages);
    assertFalse(messages.contains("secrets: x"), messages);
  }

  @Test
  void shouldRefuseTlsCertificateWithoutKey() {
    Exception e =
        assertThrows(
            Exception.class,
            () ->
                ApplicationContext.run(
                    EmbeddedServer.class,
                    Map.of(
                        "micronaut.server.port", -1,
                        "hookflow.temporal.target", "127.0.0.1:1",
                        "hookflow.temporal.tls-cert", "/nonexistent/client.pem")));
    assertTrue(chain(e).contains("TEMPORAL_TLS_KEY"), chain(e));
  }

  @Test
  void shouldNotServeSourceWhoseSecretIsUnset() {
    try (HubHarness hub = new HubHarness(Map.of())) {
      HttpResponse<String> response =
          hub.post(
              "/webhooks/github", "application/json", "{}", "X-Hub-Signature-256", "sha256=00");
      HubHarness.assertProblem(response, 404, "unknown_source");
      assertTrue(response.body().contains("GITHUB_WEBHOOK_SECRET"), response.body());
    }
  }

  @Test
  void shouldServeNoWebhooksInWorkerRole() {
    try (HubHarness hub =
        new HubHarness(Map.of("hookflow.role", "worker", "hookflow.sources.github.secrets", "s"))) {
      String body = "{}";
      HttpResponse<String> response = hub.postGithub("s", "ping", "w1", body);
      HubHarness.assertProblem(response, 404, "unknown_source");
      assertEquals(200, hub.get("/health").statusCode());
    }
  }

  @Test
  void shouldAcceptButNotRunWorkflowsInIntakeRole() throws Exception {
    try (HubHarness hub =
        new HubHarness(Map.of("hookflow.role", "intake", "hookflow.sources.github.secrets", "s"))) {
      String body = "{}";
      HttpResponse<String> response = hub.postGithub("s", "ping", "i1", body);
      assertEquals(202, response.statusCode(), response.body());
      Thread.sleep(1500);
      var workflow = hub.describe("github-ping-i1").orElseThrow();
      assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, workflow.getStatus());
      assertEquals(
          0,
          hub.temporal().fetchHistory("github-ping-i1").getEvents().stream()
              .filter(e -> e.hasWorkflowTaskCompletedEventAttributes())
              .count(),
          "no worker in intake role");
    }
  }

  private static String chain(Throwable t) {
    StringBuilder out = new StringBuilder();
    for (; t != null; t = t.getCause()) {
      out.append(t.getMessage()).append(" | ");
    }
    return out.toString();
  }
}
