package dev.hookflow.hub.platform.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookflow.hub.testing.ApiKeyGate;
import dev.hookflow.hub.testing.HubHarness;
import dev.hookflow.hub.testing.LogWatch;
import dev.hookflow.hub.testing.TcpProxy;
import dev.hookflow.hub.testing.TestCertificates;
import dev.hookflow.hub.testing.TestCertificates.Identity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub against a Temporal frontend that requires TLS with client certificates, signed by a
 * private CA and named other than the address the hub dials: a TLS terminator in front of the Java
 * test server stands in for it (the CLI dev server has no TLS). An API key is checked by a gRPC
 * front that, like Temporal Cloud, refuses calls without the right bearer token.
 */
class TemporalTlsTest {
  static final String SECRET = "tls-github-secret";
  static final String API_KEY = "hf-test-api-key-7c1e";
  static final String REVOKED_INTAKE = "hf-revoked-key-0000";
  static final String REVOKED_WORKER = "hf-revoked-key-1111";
  static final String POLL =
      "temporal.api.workflowservice.v1.WorkflowService/PollWorkflowTaskQueue";

  @TempDir static Path dir;
  static int temporalPort;
  static TestServer.PortBoundTestServer temporal;
  static Identity server;
  static Identity client;
  static WorkflowServiceStubs plain;
  static LogWatch logs;

  @BeforeAll
  static void start() throws Exception {
    logs = LogWatch.begin();
    temporalPort = HubHarness.freePort();
    temporal = TestServer.createPortBoundServer(temporalPort);
    plain =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + temporalPort)
                .build());
    server = TestCertificates.create(dir, "temporal.internal", "dns:temporal.internal");
    client = TestCertificates.create(dir, "hookflow-client", null);
  }

  @AfterAll
  static void stop() {
    plain.shutdownNow();
    temporal.close();
    logs.close();
    logs.assertNoneContain(API_KEY, REVOKED_INTAKE, REVOKED_WORKER);
  }

  private static Map<String, Object> tls(TcpProxy terminator, boolean serverName) {
    Map<String, Object> props = new HashMap<>();
    props.put("hookflow.temporal.target", "127.0.0.1:" + terminator.port());
    props.put("hookflow.temporal.tls-ca", server.certificatePem().toString());
    props.put("hookflow.temporal.tls-cert", client.certificatePem().toString());
    props.put("hookflow.temporal.tls-key", client.privateKeyPem().toString());
    if (serverName) {
      props.put("hookflow.temporal.tls-server-name", "temporal.internal");
    }
    props.put("hookflow.sources.github.secrets", SECRET);
    props.put("hookflow.events.index", "memory");
    return props;
  }

  /**
   * A webhook answered 202 whose workflow is found by looking behind the front, not via the hub.
   */
  private static void assertAcceptedAndStartedBehindTheFront(HubHarness hub) {
    String delivery = UUID.randomUUID().toString();

    HttpResponse<String> accepted =
        hub.postGithub(SECRET, "push", delivery, "{\"ref\":\"refs/heads/main\"}");

    assertEquals(202, accepted.statusCode(), accepted.body());
    assertEquals(
        "EventLog",
        WorkflowClient.newInstance(plain)
            .newUntypedWorkflowStub("github-push-" + delivery)
            .describe()
            .getWorkflowType());
  }

  private static void assertNotStarted(String delivery) {
    assertThrows(
        WorkflowNotFoundException.class,
        () ->
            WorkflowClient.newInstance(plain)
                .newUntypedWorkflowStub("github-push-" + delivery)
                .describe());
  }

  @Test
  void shouldStartWorkflowsOverMutualTlsWithPrivateCaAndServerName() throws Exception {
    try (TcpProxy terminator =
            TcpProxy.tls(temporalPort, TestCertificates.serverContext(server, client), true);
        HubHarness hub =
            HubHarness.against("127.0.0.1:" + terminator.port(), tls(terminator, true))) {
      assertAcceptedAndStartedBehindTheFront(hub);
      assertTrue(
          terminator.peers().stream().allMatch("CN=hookflow-client"::equals),
          "every connection showed the client certificate: " + terminator.peers());
      assertFalse(terminator.peers().isEmpty());
      assertEquals(0, terminator.failedHandshakes());
    }
  }

  @Test
  void shouldNotTalkToServerWhoseCertificateDoesNotNameTheAddress() throws Exception {
    try (TcpProxy terminator =
        TcpProxy.tls(temporalPort, TestCertificates.serverContext(server, client), true)) {
      // The hub (worker included) comes up; its worker keeps trying to connect.
      try (HubHarness hub =
          HubHarness.against("127.0.0.1:" + terminator.port(), tls(terminator, false))) {
        String delivery = UUID.randomUUID().toString();

        HttpResponse<String> refused =
            hub.postGithub(SECRET, "push", delivery, "{\"ref\":\"refs/heads/main\"}");

        // The certificate names temporal.internal, not 127.0.0.1: no call may pass, none is acked.
        HubHarness.assertProblem(refused, 503, "temporal_unavailable");
        assertEquals(503, hub.get("/health").statusCode());
        assertTrue(terminator.peers().isEmpty(), "no handshake completed: " + terminator.peers());
        assertTrue(terminator.failedHandshakes() > 0);
        assertNotStarted(delivery);
      }
    }
  }

  @Test
  void shouldRefuseCaFileWithoutCertificate() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
    Map<String, Object> props = new HashMap<>();
    props.put("hookflow.temporal.target", "127.0.0.1:" + temporalPort);
    props.put("hookflow.temporal.tls-ca", empty.toString());
    Throwable failure =
        assertThrows(
            RuntimeException.class, () -> HubHarness.against("127.0.0.1:" + temporalPort, props));
    String messages = "";
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages += t.getMessage() + "\n";
    }
    assertTrue(messages.contains("TEMPORAL_TLS_CA"), messages);
  }

  private static Map<String, Object> apiKey(ApiKeyGate gate, String key) {
    int port = gate.port();
    Map<String, Object> props = new HashMap<>();
    props.put("hookflow.temporal.target", "127.0.0.1:" + port);
    props.put("hookflow.temporal.tls-ca", server.certificatePem().toString());
    props.put("hookflow.temporal.tls-server-name", "temporal.internal");
    props.put("hookflow.temporal.api-key", key);
    props.put("hookflow.sources.github.secrets", SECRET);
    props.put("hookflow.events.index", "memory");
    return props;
  }

  @Test
  void shouldSendApiKeyAsBearerTokenOnEveryCallIncludingWorkerPolls() throws Exception {
    try (ApiKeyGate gate = new ApiKeyGate(server, API_KEY, temporalPort);
        HubHarness hub = HubHarness.against("127.0.0.1:" + gate.port(), apiKey(gate, API_KEY))) {
      assertAcceptedAndStartedBehindTheFront(hub);
      Instant until = Instant.now().plus(Duration.ofSeconds(10));
      while (gate.calls().stream().noneMatch(c -> c.method().equals(POLL))
          && Instant.now().isBefore(until)) {
        Thread.sleep(50);
      }
      assertTrue(
          gate.calls().stream().anyMatch(c -> c.method().equals(POLL)),
          "the worker polled through the gate: " + gate.calls());
      assertTrue(
          gate.calls().stream().allMatch(ApiKeyGate.Call::accepted),
          "every call carried the key: " + gate.calls());
    }
  }

  @Test
  void shouldAnswer503AndStartNothingWhenTemporalRefusesTheKey() throws Exception {
    String wrong = REVOKED_INTAKE;
    try (ApiKeyGate gate = new ApiKeyGate(server, API_KEY, temporalPort)) {
      Map<String, Object> props = apiKey(gate, wrong);
      props.put("hookflow.role", "intake");
      try (HubHarness hub = HubHarness.against("127.0.0.1:" + gate.port(), props)) {
        String delivery = UUID.randomUUID().toString();

        HttpResponse<String> refused =
            hub.postGithub(SECRET, "push", delivery, "{\"ref\":\"refs/heads/main\"}");

        HubHarness.assertProblem(refused, 503, "temporal_unavailable");
        assertFalse(refused.body().contains(wrong), refused.body());
        assertEquals(503, hub.get("/health").statusCode());
        assertFalse(gate.calls().isEmpty());
        assertTrue(gate.calls().stream().noneMatch(ApiKeyGate.Call::accepted));
        assertNotStarted(delivery);
      }
    }
  }

  @Test
  void shouldSaySearchAttributesAreMissingWhenTheHubMayNotRegisterThem() throws Exception {
    // A namespace without Hookflow's search attributes, reached with a key that may not add them.
    int port = HubHarness.freePort();
    try (TestServer.PortBoundTestServer bare = TestServer.createPortBoundServer(port);
        ApiKeyGate gate = new ApiKeyGate(server, API_KEY, port).denyOperatorCalls()) {
      Map<String, Object> props = apiKey(gate, API_KEY);
      props.put("hookflow.role", "intake");
      try (HubHarness hub = HubHarness.against("127.0.0.1:" + gate.port(), props)) {
        HttpResponse<String> refused =
            hub.postGithub(
                SECRET, "push", UUID.randomUUID().toString(), "{\"ref\":\"refs/heads/main\"}");

        HubHarness.assertProblem(refused, 503, "temporal_unavailable");
        assertTrue(refused.body().contains("search attributes"), refused.body());
        assertTrue(
            logs.lines().stream()
                .anyMatch(line -> line.contains("not registered") && line.contains("README")),
            "the log tells the operator what to do");
      }
    }
  }

  @Test
  void shouldAnswer503WhileTemporalHasNotYetMappedRegisteredSearchAttributes() throws Exception {
    // Found by the PostgreSQL benchmark: just after the hub registered its search attributes, a
    // SQL-visibility Temporal refuses starts until its namespace cache refreshes (seconds). That
    // is a wait, not a bad request: 503 with Retry-After, and the sender's retry then lands.
    try (ApiKeyGate gate = new ApiKeyGate(server, API_KEY, temporalPort)) {
      Map<String, Object> props = apiKey(gate, API_KEY);
      props.put("hookflow.role", "intake");
      try (HubHarness hub = HubHarness.against("127.0.0.1:" + gate.port(), props)) {
        String delivery = UUID.randomUUID().toString();
        gate.refuseStartsAsUnmapped(true);

        HttpResponse<String> waiting =
            hub.postGithub(SECRET, "push", delivery, "{\"ref\":\"refs/heads/main\"}");

        HubHarness.assertProblem(waiting, 503, "temporal_unavailable");
        assertTrue(waiting.headers().firstValue("Retry-After").isPresent());
        assertNotStarted(delivery);

        gate.refuseStartsAsUnmapped(false);
        HttpResponse<String> retried =
            hub.postGithub(SECRET, "push", delivery, "{\"ref\":\"refs/heads/main\"}");
        assertEquals(202, retried.statusCode(), retried.body());
      }
    }
  }

  @Test
  void shouldNotStartWorkerWhenTemporalRefusesTheKeyAndNotNameTheKey() throws Exception {
    String wrong = REVOKED_WORKER;
    try (ApiKeyGate gate = new ApiKeyGate(server, API_KEY, temporalPort)) {
      Map<String, Object> props = apiKey(gate, wrong);
      Throwable failure =
          assertThrows(
              RuntimeException.class,
              () -> HubHarness.against("127.0.0.1:" + gate.port(), props).close());
      String messages = "";
      for (Throwable t = failure; t != null; t = t.getCause()) {
        messages += t + "\n";
      }
      assertTrue(messages.contains("UNAUTHENTICATED"), messages);
      assertFalse(messages.contains(wrong), messages);
    }
  }
}
