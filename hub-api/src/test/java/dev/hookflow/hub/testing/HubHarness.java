package dev.hookflow.hub.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A running hub (real Micronaut server on a loopback port) connected over gRPC to a Temporal test
 * server on its own TCP port, plus a plain Temporal client and HTTP client to check what happened.
 */
public final class HubHarness implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final int temporalPort;
  private final TestServer.PortBoundTestServer temporal;

  /** The hub reaches Temporal through this proxy, so a test can take Temporal away. */
  private final TcpProxy link;

  private final ApplicationContext hub;
  private final EmbeddedServer server;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A hub with its own Temporal test server, reached through a proxy the test can cut. */
  public HubHarness(Map<String, Object> properties) {
    this(null, properties);
  }

  /** A hub connected to an existing Temporal (for example the CLI dev server). */
  public static HubHarness against(
      String temporalTarget, Map<String, Object> properties, String... environments) {
    return new HubHarness(temporalTarget, properties, environments);
  }

  /** A hub with its own Temporal test server and these Micronaut environments active. */
  public static HubHarness withEnvironments(
      Map<String, Object> properties, String... environments) {
    return new HubHarness(null, properties, environments);
  }

  /** A hub started while its Temporal test server is unreachable ({@link #startTemporal()}). */
  public static HubHarness startedWhileTemporalIsDown(Map<String, Object> properties) {
    return new HubHarness(null, properties, new String[0], true);
  }

  private HubHarness(String existingTarget, Map<String, Object> properties) {
    this(existingTarget, properties, new String[0]);
  }

  private HubHarness(String existingTarget, Map<String, Object> properties, String[] environments) {
    this(existingTarget, properties, environments, false);
  }

  private HubHarness(
      String existingTarget,
      Map<String, Object> properties,
      String[] environments,
      boolean temporalDown) {
    Map<String, Object> all = new HashMap<>();
    all.put("micronaut.server.port", -1);
    if (existingTarget == null) {
      temporalPort = freePort();
      temporal = TestServer.createPortBoundServer(temporalPort);
      link = new TcpProxy(temporalPort);
      if (temporalDown) {
        link.cut();
      }
      all.put("hookflow.temporal.target", "127.0.0.1:" + link.port());
      all.put("hookflow.events.index", "memory");
    } else {
      temporalPort = -1;
      temporal = null;
      link = null;
      all.put("hookflow.temporal.target", existingTarget);
    }
    all.putAll(properties);
    server = ApplicationContext.run(EmbeddedServer.class, all, environments);
    hub = server.getApplicationContext();
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(existingTarget != null ? existingTarget : "127.0.0.1:" + temporalPort)
                .build());
    client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().build());
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public ApplicationContext context() {
    return hub;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getPort() + path);
  }

  public WorkflowClient temporal() {
    return client;
  }

  /** POSTs a body with headers given as name/value pairs. */
  public HttpResponse<String> post(
      String path, String contentType, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  /**
   * POSTs a JSON body signed as GitHub signs it ({@code X-Hub-Signature-256}), with any further
   * headers given as name/value pairs.
   */
  public HttpResponse<String> postGithub(
      String secret, String event, String delivery, String body, String... moreHeaders) {
    String[] headers = new String[6 + moreHeaders.length];
    headers[0] = "X-GitHub-Event";
    headers[1] = event;
    headers[2] = "X-GitHub-Delivery";
    headers[3] = delivery;
    headers[4] = "X-Hub-Signature-256";
    headers[5] = TestSigner.github(secret, body);
    System.arraycopy(moreHeaders, 0, headers, 6, moreHeaders.length);
    return post("/webhooks/github", "application/json", body, headers);
  }

  /** GETs a path with headers given as name/value pairs. */
  public HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(response.body(), e);
    }
  }

  /**
   * Asserts a problem+json answer with this status and code that names no exception and none of the
   * given secrets.
   */
  public static JsonNode assertProblem(
      HttpResponse<String> response, int status, String code, String... secrets) {
    org.junit.jupiter.api.Assertions.assertEquals(status, response.statusCode(), response.body());
    org.junit.jupiter.api.Assertions.assertEquals(
        "application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
    JsonNode problem = json(response);
    org.junit.jupiter.api.Assertions.assertEquals(
        code, problem.get("code").asText(), response.body());
    org.junit.jupiter.api.Assertions.assertEquals(status, problem.get("status").asInt());
    org.junit.jupiter.api.Assertions.assertFalse(
        response.body().contains("Exception"), response.body());
    for (String secret : secrets) {
      org.junit.jupiter.api.Assertions.assertFalse(
          response.body().contains(secret), "secret leaked: " + response.body());
    }
    return problem;
  }

  /** The workflow's latest run, or empty when Temporal has no workflow with this id. */
  public Optional<io.temporal.client.WorkflowExecutionDescription> describe(String workflowId) {
    try {
      return Optional.of(client.newUntypedWorkflowStub(workflowId).describe());
    } catch (io.temporal.client.WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  public WorkflowStub stub(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId);
  }

  /** Makes Temporal unreachable for the hub: new connections refused, open ones dropped. */
  public void stopTemporal() {
    link.cut();
  }

  /**
   * Makes Temporal slow: connections stay up, but nothing passes until {@link #unpauseTemporal}.
   */
  public void pauseTemporal() {
    link.pause();
  }

  public void unpauseTemporal() {
    link.resume();
  }

  /** How many chunks of hub-Temporal traffic the pause has held back so far. */
  public int heldTemporalTraffic() {
    return link.held();
  }

  /** Makes Temporal reachable again; its state is as it was. */
  public void startTemporal() {
    link.restore();
  }

  @Override
  public void close() {
    hub.close();
    stubs.shutdownNow();
    if (link != null) {
      link.close();
      temporal.close();
    }
  }
}
