package dev.hookflow.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookflow.hub.platform.policy.PolicyRegistry;
import dev.hookflow.hub.testing.HubHarness;
import dev.hookflow.workflows.policy.ActivityNames;
import dev.hookflow.workflows.policy.Policies;
import dev.hookflow.workflows.policy.Policy;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.net.http.HttpResponse;
import java.time.Duration;
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

  static String refusal(Map<String, Object> settings) {
    Map<String, Object> all = new java.util.HashMap<>(settings);
    all.put("micronaut.server.port", -1);
    all.put("hookflow.temporal.embedded-port", 0);
    return chain(
        assertThrows(Exception.class, () -> ApplicationContext.run(EmbeddedServer.class, all)));
  }

  @Test
  void shouldRefuseASettingTheSourcesSchemeDoesNotUse() {
    String tolerance =
        refusal(
            Map.of(
                "hookflow.sources.acme.verifier", "hmac",
                "hookflow.sources.acme.secrets", "x",
                "hookflow.sources.acme.header", "X-Sig",
                "hookflow.sources.acme.tolerance", "5m",
                "hookflow.sources.acme.event-id", "/id",
                "hookflow.sources.acme.event-type", "/type"));
    assertTrue(tolerance.contains("'tolerance' has no effect on a hmac source"), tolerance);
    String typo =
        refusal(
            Map.of(
                "hookflow.sources.acme.verifier", "stripe",
                "hookflow.sources.acme.secrets", "x",
                "hookflow.sources.acme.event-idd", "/id",
                "hookflow.sources.acme.event-id", "/id",
                "hookflow.sources.acme.event-type", "/type"));
    assertTrue(typo.contains("'event-idd' has no effect on a stripe source"), typo);
  }

  @Test
  void shouldRefuseAnUnknownKeyInARoute() {
    String message =
        refusal(
            Map.of(
                "hookflow.routes",
                java.util.List.of(
                    Map.of(
                        "source", "github", "start", "EventLog", "workflow_id", "x-{eventId}"))));
    assertTrue(message.contains("hookflow.routes[0]: unknown setting 'workflow_id'"), message);
  }

  @Test
  void shouldListEveryRouteAtStartUp() {
    try (var logs = dev.hookflow.hub.testing.LogWatch.begin();
        HubHarness hub =
            new HubHarness(
                Map.of(
                    "hookflow.routes",
                    java.util.List.of(
                        Map.of(
                            "name", "orders",
                            "source", "stripe",
                            "events", java.util.List.of("order.*"),
                            "when", java.util.List.of("/mode == live"),
                            "start", "EventLog",
                            "workflow-id", "order-{/id}",
                            "if-exists", "reject"),
                        Map.of(
                            "source", "stripe",
                            "events", java.util.List.of("charge.refunded"),
                            "signal", "refund",
                            "workflow-id", "order-{/id}"))))) {
      java.util.List<String> routes =
          logs.lines().stream().filter(l -> l.contains(" Route ")).toList();
      assertEquals(
          java.util.List.of(
              "INFO hookflow Route orders: stripe [order.*] when [/mode == live] -> start EventLog"
                  + " as order-{/id} (if-exists: reject)",
              "INFO hookflow Route stripe#1: stripe [charge.refunded] -> signal refund as"
                  + " order-{/id} (if-not-running: reject)"),
          routes);
    }
  }

  @Test
  void shouldApplyPolicyOverridesAndBindingsFromConfiguration() {
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of(
                "hookflow.temporal.embedded-port", 0,
                "hookflow.policies.downstream.maximum-attempts", 20,
                "hookflow.policies.downstream.initial-interval", "3s",
                "hookflow.policies.patient.maximum-interval", "1h",
                "hookflow.activity-policies.NotifyCustomer", "patient"))) {
      PolicyRegistry registry = context.getBean(PolicyRegistry.class);
      Policy downstream = registry.get("downstream", "test");
      assertEquals(20, downstream.maximumAttempts());
      assertEquals(Duration.ofSeconds(3), downstream.initialInterval());
      assertEquals(Duration.ofMinutes(5), downstream.maximumInterval(), "unset fields kept");
      Policy patient = registry.get("patient", "test");
      assertEquals(Duration.ofHours(1), patient.maximumInterval());
      assertEquals(Policies.DOWNSTREAM.initialInterval(), patient.initialInterval());
      var options = registry.implementationOptions().getActivityOptions();
      assertEquals(
          Duration.ofHours(1),
          options.get(ActivityNames.NOTIFY_CUSTOMER).getRetryOptions().getMaximumInterval());
      assertEquals(
          20, options.get(ActivityNames.RESERVE_INVENTORY).getRetryOptions().getMaximumAttempts());
      assertEquals(
          Policies.COMPENSATION.scheduleToCloseTimeout(),
          options.get(ActivityNames.REFUND_PAYMENT).getScheduleToCloseTimeout());
      assertEquals(Duration.ofHours(1), registry.maximumInterval(ActivityNames.NOTIFY_CUSTOMER));
    }
  }

  @Test
  void shouldRefuseToStartWhenActivityIsBoundToUnknownPolicy() {
    Exception e =
        assertThrows(
            Exception.class,
            () ->
                ApplicationContext.run(
                        Map.of(
                            "hookflow.temporal.embedded-port",
                            0,
                            "hookflow.activity-policies.CreateShipment",
                            "hopeful"))
                    .getBean(PolicyRegistry.class));
    assertTrue(chain(e).contains("hookflow.activity-policies.CreateShipment"), chain(e));
    assertTrue(chain(e).contains("hopeful"), chain(e));
  }

  @Test
  void shouldRefuseRelayDestinationWithBadSecretWithoutEchoingIt() {
    String secret = "whsec_not*base64*at*all";
    Exception e =
        assertThrows(
            Exception.class,
            () ->
                ApplicationContext.run(
                    EmbeddedServer.class,
                    Map.of(
                        "micronaut.server.port",
                        -1,
                        "hookflow.temporal.embedded-port",
                        0,
                        "hookflow.routes",
                        java.util.List.of(
                            Map.of(
                                "name", "audit",
                                "source", "github",
                                "relay",
                                    java.util.List.of(
                                        Map.of(
                                            "name", "sink",
                                            "url", "https://sink.example.test/hook",
                                            "secret", secret)))))));
    assertTrue(chain(e).contains("route audit relay destination sink"), chain(e));
    assertFalse(chain(e).contains(secret), chain(e));
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
