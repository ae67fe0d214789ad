package dev.hookflow.hub.realserver;

import dev.hookflow.hub.testing.HubHarness;
import dev.hookflow.hub.testing.Prerequisites;
import dev.hookflow.workflows.event.SearchAttributeNames;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Temporal CLI dev server (a real Temporal: SQLite persistence, visibility queries), on a
 * loopback port of its own, restartable on the same database file.
 */
final class DevServer implements AutoCloseable {
  private final Path cli;
  private final Path dir;
  private final int port;
  private final int uiPort;
  private Process process;

  private DevServer(Path cli, Path dir, int port, int uiPort) {
    this.cli = cli;
    this.dir = dir;
    this.port = port;
    this.uiPort = uiPort;
  }

  /**
   * Starts one. Without a Temporal CLI the calling test fails naming it, or is skipped when the run
   * opted out ({@link Prerequisites#REAL_SERVER}).
   */
  static DevServer startOrSkip(boolean withUi) throws Exception {
    Optional<Path> cli = find();
    Prerequisites.require(
        cli.isPresent(),
        Prerequisites.REAL_SERVER,
        "No Temporal CLI found (TEMPORAL_CLI, ~/.cache/hookflow/bin, .hookflow/bin, PATH)");
    DevServer server =
        new DevServer(
            cli.get(),
            Files.createTempDirectory("hookflow-temporal"),
            HubHarness.freePort(),
            withUi ? HubHarness.freePort() : -1);
    server.start();
    return server;
  }

  static Optional<Path> find() {
    List<Path> candidates = new ArrayList<>();
    String env = System.getenv("TEMPORAL_CLI");
    if (env != null && !env.isBlank()) {
      candidates.add(Path.of(env));
    }
    candidates.add(
        Path.of(System.getProperty("user.home"), ".cache", "hookflow", "bin", "temporal"));
    candidates.add(Path.of("..", ".hookflow", "bin", "temporal"));
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      candidates.add(Path.of(entry, "temporal"));
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  String target() {
    return "127.0.0.1:" + port;
  }

  String uiUrl() {
    return "http://127.0.0.1:" + uiPort;
  }

  void start() throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                cli.toString(),
                "server",
                "start-dev",
                "--db-filename",
                dir.resolve("temporal.db").toString(),
                "--ip",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--http-port",
                Integer.toString(HubHarness.freePort()),
                "--metrics-port",
                Integer.toString(HubHarness.freePort()),
                "--log-level",
                "error"));
    if (uiPort > 0) {
      command.addAll(List.of("--ui-port", Integer.toString(uiPort)));
    } else {
      command.add("--headless");
    }
    for (String name : SearchAttributeNames.ALL) {
      command.addAll(List.of("--search-attribute", name + "=Keyword"));
    }
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.log").toFile())
            .start();
    long deadline = System.currentTimeMillis() + 60_000;
    while (!listening(port)) {
      if (!process.isAlive() || System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(
            "dev server did not start: " + Files.readString(dir.resolve("server.log")));
      }
      Thread.sleep(100);
    }
  }

  /** SIGKILL: no clean shutdown; the database file stays. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
    while (listening(port)) {
      Thread.sleep(50);
    }
  }

  static boolean listening(int port) {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
