package dev.hookflow.hub.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookflow.hub.testing.HubHarness;
import dev.hookflow.hub.testing.Prerequisites;
import dev.hookflow.hub.testing.TestSigner;
import dev.hookflow.workflows.event.SearchAttributeNames;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./hub} commands the README gives a newcomer, run as processes the way a person runs
 * them: the embedded hub, the durable dev server, both together, and the message when nothing can
 * provide a Temporal CLI. Uses the jar the build just made ({@code HOOKFLOW_SKIP_BUILD=1}).
 */
class HubScriptIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final String SECRET = "script-github-secret";
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;

  /** A {@code ./hub} process with a clean environment plus these variables. */
  private Process hub(Map<String, String> env, String... arguments) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of("/bin/bash", "./hub"));
    command.addAll(List.of(arguments));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("hub-" + arguments[0] + ".log").toFile());
    Map<String, String> environment = builder.environment();
    for (String name :
        List.of(
            "TEMPORAL_ADDRESS",
            "TEMPORAL_CLI",
            "GITHUB_WEBHOOK_SECRET",
            "MICRONAUT_ENVIRONMENTS")) {
      environment.remove(name);
    }
    environment.put("HOOKFLOW_SKIP_BUILD", "1");
    environment.put("HOOKFLOW_STATE_DIR", dir.resolve("state").toString());
    environment.putAll(env);
    return builder.start();
  }

  private String log(String command) throws IOException {
    Path file = dir.resolve("hub-" + command + ".log");
    return Files.exists(file) ? Files.readString(file) : "";
  }

  /** Stops the script and what it started (the JVM first, so the script's trap runs). */
  private static void stop(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void await(String what, Process process, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!condition.getAsBoolean()) {
      assertTrue(process.isAlive(), what + ": the process ended with " + exit(process));
      assertTrue(System.nanoTime() < deadline, what + ": not within 90 s");
      Thread.sleep(200);
    }
  }

  private static String exit(Process process) {
    return process.isAlive() ? "(running)" : String.valueOf(process.exitValue());
  }

  private static Optional<HttpResponse<String>> get(int port, String path) {
    try {
      return Optional.of(
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static HttpResponse<String> postGithub(int port, String delivery) throws Exception {
    return postGithub(port, "ping", delivery, "{\"zen\":\"Approachable is better than simple.\"}");
  }

  private static HttpResponse<String> postGithub(
      int port, String event, String delivery, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/github"))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", event)
            .header("X-GitHub-Delivery", delivery)
            .header("X-Hub-Signature-256", TestSigner.github(SECRET, body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static boolean healthy(int port) {
    return get(port, "/health").map(r -> r.statusCode() == 200).orElse(false);
  }

  private static Path cliOrSkip() {
    Optional<Path> cli = DevServer.find();
    Prerequisites.require(cli.isPresent(), Prerequisites.REAL_SERVER, "No Temporal CLI found");
    return cli.get().toAbsolutePath();
  }

  @Test
  void shouldStopWithOneLineNamingTheSettingAndItsFileWhenConfigurationIsWrong() throws Exception {
    Path file = dir.resolve("acme.yml");
    Files.writeString(
        file,
        """
        hookflow:
          sources:
            acme:
              verifier: hmac
              secrets: acme-secret-value
              header: X-Acme-Signature
              tolerance: 5m
              event-id: header:X-Acme-Delivery
              event-type: /type
        """);
    Process hub =
        hub(
            Map.of(
                "MICRONAUT_CONFIG_FILES", file.toString(),
                "HOOKFLOW_TEMPORAL_EMBEDDED_PORT", "0",
                "HOOKFLOW_PORT", "0"),
            "run");
    assertTrue(hub.waitFor(90, TimeUnit.SECONDS), "the hub stops by itself");
    assertEquals(1, hub.exitValue());
    String out = log("run");
    List<String> errors = out.lines().filter(l -> l.contains("configuration error")).toList();
    assertEquals(1, errors.size(), out);
    String line = errors.get(0);
    assertTrue(line.contains("hookflow.sources.acme"), line);
    assertTrue(line.contains("'tolerance' has no effect on a hmac source"), line);
    assertTrue(line.contains("set in " + file), line);
    assertFalse(out.contains("Exception") || out.contains("\tat "), "no stack trace: " + out);
    assertFalse(out.contains("acme-secret-value"), out);
  }

  @Test
  void shouldLogJsonLinesWithTheWebhooksSourceAndEventIdWhenAsked() throws Exception {
    int port = HubHarness.freePort();
    Process hub =
        hub(
            Map.of(
                "HOOKFLOW_PORT",
                Integer.toString(port),
                "HOOKFLOW_TEMPORAL_EMBEDDED_PORT",
                Integer.toString(HubHarness.freePort()),
                "GITHUB_WEBHOOK_SECRET",
                SECRET,
                "HOOKFLOW_LOG_FORMAT",
                "json"),
            "run");
    try {
      await("./hub run answers /health", hub, () -> healthy(port));
      String delivery = UUID.randomUUID().toString();
      // The fallback route's id {source}-{type}-{eventId} is too long for this type: refused
      // after the event id was read, so the refusal's log line carries it.
      HttpResponse<String> refused = postGithub(port, "t".repeat(990), delivery, "{}");
      assertEquals(422, refused.statusCode(), refused.body());
      await(
          "the refusal is logged",
          hub,
          () -> {
            try {
              return log("run").contains("invalid_workflow_id");
            } catch (IOException e) {
              return false;
            }
          });
      boolean found = false;
      for (String line : log("run").lines().filter(l -> l.startsWith("{")).toList()) {
        com.fasterxml.jackson.databind.JsonNode json = HubHarness.JSON.readTree(line);
        assertTrue(json.has("level") && json.has("formattedMessage"), line);
        if (json.path("formattedMessage").asText().contains("invalid_workflow_id")) {
          assertEquals("github", json.at("/mdc/source").asText(), line);
          assertEquals(delivery, json.at("/mdc/eventId").asText(), line);
          found = true;
        }
      }
      assertTrue(found, "no JSON refusal line: " + log("run"));
      List<String> hubLines =
          log("run").lines().filter(l -> !l.startsWith("hub:") && !l.isBlank()).toList();
      assertTrue(
          hubLines.stream().allMatch(l -> l.startsWith("{")),
          "every log line is JSON: " + hubLines);
    } finally {
      stop(hub);
    }
  }

  @Test
  void shouldRunHubOnEmbeddedTemporalWithOneCommand() throws Exception {
    int port = HubHarness.freePort();
    Process hub =
        hub(
            Map.of(
                "HOOKFLOW_PORT", Integer.toString(port),
                "HOOKFLOW_TEMPORAL_EMBEDDED_PORT", Integer.toString(HubHarness.freePort()),
                "GITHUB_WEBHOOK_SECRET", SECRET),
            "run");
    try {
      await("./hub run answers /health", hub, () -> healthy(port));
      String delivery = UUID.randomUUID().toString();

      HttpResponse<String> accepted = postGithub(port, delivery);

      assertEquals(202, accepted.statusCode(), accepted.body());
      assertTrue(accepted.body().contains("github-ping-" + delivery), accepted.body());
      assertEquals(
          200, get(port, "/events/github/" + delivery).orElseThrow().statusCode(), log("run"));
    } finally {
      stop(hub);
    }
  }

  @Test
  void shouldKeepDevServerDataAcrossRestartsWithSearchAttributesRegistered() throws Exception {
    Path cli = cliOrSkip();
    int port = HubHarness.freePort();
    int uiPort = HubHarness.freePort();
    Map<String, String> env =
        Map.of(
            "TEMPORAL_CLI", cli.toString(),
            "HOOKFLOW_DEV_PORT", Integer.toString(port),
            "HOOKFLOW_DEV_UI_PORT", Integer.toString(uiPort));
    String workflowId = "script-" + UUID.randomUUID();

    Process server = hub(env, "dev-server");
    try {
      await("./hub dev-server listens", server, () -> DevServer.listening(port));
      assertTrue(log("dev-server").contains("http://127.0.0.1:" + uiPort), log("dev-server"));
      WorkflowServiceStubs stubs = stubs(port);
      try {
        OperatorServiceStubs operator =
            OperatorServiceStubs.newServiceStubs(
                OperatorServiceStubsOptions.newBuilder()
                    .setChannel(stubs.getRawChannel())
                    .validateAndBuildWithDefaults());
        Set<String> registered =
            operator
                .blockingStub()
                .listSearchAttributes(
                    ListSearchAttributesRequest.newBuilder().setNamespace("default").build())
                .getCustomAttributesMap()
                .keySet();
        assertTrue(registered.containsAll(SearchAttributeNames.ALL), registered.toString());
        // Started, never run (no worker): it stays open in the database.
        WorkflowClient.newInstance(stubs)
            .newUntypedWorkflowStub(
                "EventLog",
                WorkflowOptions.newBuilder()
                    .setWorkflowId(workflowId)
                    .setTaskQueue("hub-script-it")
                    .build())
            .start("kept");
        // SQLite in WAL mode (README, "Temporal"): the commit sits in the write-ahead log.
        assertTrue(
            Files.exists(dir.resolve("state").resolve("temporal.db-wal")),
            "./hub dev-server runs SQLite with journal_mode=wal");
      } finally {
        stubs.shutdownNow();
      }
    } finally {
      stop(server);
    }
    assertFalse(DevServer.listening(port), "stopped");
    assertTrue(Files.exists(dir.resolve("state").resolve("temporal.db")));

    Process again = hub(env, "dev-server");
    try {
      await("./hub dev-server listens again", again, () -> DevServer.listening(port));
      WorkflowServiceStubs stubs = stubs(port);
      try {
        assertEquals(
            "EventLog",
            WorkflowClient.newInstance(stubs)
                .newUntypedWorkflowStub(workflowId)
                .describe()
                .getWorkflowType(),
            "the workflow survived the restart");
      } finally {
        stubs.shutdownNow();
      }
    } finally {
      stop(again);
    }
  }

  @Test
  void shouldRunDevServerAndHubTogether() throws Exception {
    Path cli = cliOrSkip();
    int temporalPort = HubHarness.freePort();
    int port = HubHarness.freePort();
    Process both =
        hub(
            Map.of(
                "TEMPORAL_CLI", cli.toString(),
                "HOOKFLOW_DEV_PORT", Integer.toString(temporalPort),
                "HOOKFLOW_DEV_UI_PORT", Integer.toString(HubHarness.freePort()),
                "HOOKFLOW_PORT", Integer.toString(port),
                "GITHUB_WEBHOOK_SECRET", SECRET),
            "run",
            "--temporal",
            "dev");
    List<ProcessHandle> started = List.of();
    try {
      await("./hub run --temporal dev answers /health", both, () -> healthy(port));
      String delivery = UUID.randomUUID().toString();

      HttpResponse<String> accepted = postGithub(port, delivery);

      assertEquals(202, accepted.statusCode(), accepted.body() + log("run"));
      WorkflowServiceStubs stubs = stubs(temporalPort);
      try {
        // On the dev server, not in an embedded one, and run there by the hub's worker.
        WorkflowClient.newInstance(stubs)
            .newUntypedWorkflowStub("github-ping-" + delivery)
            .getResult(30, TimeUnit.SECONDS, Object.class);
      } finally {
        stubs.shutdownNow();
      }
      // As after Ctrl-C, which a background job of the script ignores: only the hub's JVM goes,
      // and the script's trap takes the dev server down with it.
      started = both.descendants().toList();
      both.descendants()
          .filter(p -> p.info().command().orElse("").endsWith("java"))
          .forEach(ProcessHandle::destroy);
      assertTrue(both.waitFor(30, TimeUnit.SECONDS), "the script ends with its hub");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (DevServer.listening(temporalPort) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertFalse(DevServer.listening(temporalPort), "the dev server stops with the hub");
    } finally {
      stop(both);
      started.forEach(ProcessHandle::destroyForcibly); // should the trap have failed
    }
  }

  @Test
  void shouldSayWhatToInstallWhenNeitherTemporalCliNorGoIsFound() throws Exception {
    // A PATH with only what the script needs before it looks for tools.
    Path bin = pathWith("dirname", "cat", "mkdir");
    Process process =
        hub(
            Map.of(
                "PATH", bin.toString(),
                "HOME", dir.toString(),
                "XDG_CACHE_HOME", dir.resolve("cache").toString()),
            "dev-server");
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));

    String output = log("dev-server");
    assertEquals(1, process.exitValue(), output);
    assertTrue(output.contains("no temporal CLI and no Go toolchain found"), output);
    assertTrue(output.contains("TEMPORAL_CLI=/path/to/temporal"), output);
    assertTrue(output.contains("https://go.dev/dl/"), output);
  }

  /** A directory to use as PATH, holding links to only these system tools. */
  private Path pathWith(String... tools) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : tools) {
      Path found =
          List.of(Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream()
              .filter(Files::isExecutable)
              .findFirst()
              .orElseThrow();
      Files.createSymbolicLink(bin.resolve(tool), found);
    }
    return bin;
  }

  private static WorkflowServiceStubs stubs(int port) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
  }

  @Test
  void shouldRefuseToTestWithoutTheTemporalCliNamingItAndTheOptOut() throws Exception {
    Path bin = pathWith("dirname", "cat", "mkdir", "id");
    Files.createSymbolicLink(
        bin.resolve("java"), Path.of(ProcessHandle.current().info().command().orElseThrow()));
    Map<String, String> env = new java.util.HashMap<>();
    env.put("PATH", bin.toString());
    env.put("HOME", dir.toString());
    env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    env.put("HOOKFLOW_SKIP_REAL_SERVER", "");
    Process process = hub(env, "test");
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));

    String output = log("test");
    assertEquals(1, process.exitValue(), output);
    assertTrue(output.contains("no temporal CLI and no Go toolchain found"), output);
    assertTrue(output.contains("./hub test --skip-real-server"), output);
    assertFalse(output.contains("BUILD"), "no test ran: " + output);
  }
}
