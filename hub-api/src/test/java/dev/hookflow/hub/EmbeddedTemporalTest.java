package dev.hookflow.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookflow.hub.platform.temporal.TemporalConnection;
import dev.hookflow.hub.testing.HubHarness;
import dev.hookflow.hub.testing.TestSigner;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With no Temporal configured the hub runs Temporal's test server itself, reachable over gRPC. */
class EmbeddedTemporalTest {

  @Test
  void shouldServeWebhooksThroughItsOwnTemporalOverGrpc() throws Exception {
    int temporalPort = HubHarness.freePort();
    try (EmbeddedServer server =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.of(
                "micronaut.server.port",
                -1,
                "hookflow.temporal.target",
                "embedded",
                "hookflow.temporal.embedded-port",
                temporalPort,
                "hookflow.sources.github.secrets",
                "s"))) {
      TemporalConnection connection =
          server.getApplicationContext().getBean(TemporalConnection.class);
      assertTrue(connection.embedded());
      assertEquals("127.0.0.1:" + temporalPort, connection.target());

      String body = "{}";
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.getPort() + "/webhooks/github"))
                      .header("Content-Type", "application/json")
                      .header("X-GitHub-Event", "ping")
                      .header("X-GitHub-Delivery", "embedded-1")
                      .header("X-Hub-Signature-256", TestSigner.github("s", body))
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(202, response.statusCode(), response.body());

      HttpResponse<String> list =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + server.getPort() + "/events?status=failed"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      HubHarness.assertProblem(list, 501, "not_implemented");
      assertTrue(list.body().contains("--temporal dev"), "the 501 names the fix: " + list.body());

      // A separate client over TCP sees the workflow, and the hub's worker completes it.
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget("127.0.0.1:" + temporalPort)
                  .build());
      try {
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        Object result =
            client.newUntypedWorkflowStub("github-ping-embedded-1").getResult(Map.class);
        assertEquals("github/embedded-1", ((Map<?, ?>) result).get("eventKey"));
      } finally {
        stubs.shutdownNow();
      }
    }
  }
}
