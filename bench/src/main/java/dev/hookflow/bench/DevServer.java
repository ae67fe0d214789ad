package dev.hookflow.bench;

import dev.hookflow.workflows.event.SearchAttributeNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Temporal CLI dev server (in memory, headless) for the "dev" scenario. */
final class DevServer implements AutoCloseable {
  private final ManagedProcess process;

  private DevServer(ManagedProcess process) {
    this.process = process;
  }

  /**
   * TEMPORAL_CLI, then the project's and the user's cache (where ./hub dev-server installs it),
   * then PATH.
   */
  static Path find() {
    List<Path> candidates = new ArrayList<>();
    String env = System.getenv("TEMPORAL_CLI");
    if (env != null) {
      candidates.add(Path.of(env));
    }
    candidates.add(Path.of(".hookflow", "bin", "temporal"));
    candidates.add(
        Path.of(System.getProperty("user.home"), ".cache", "hookflow", "bin", "temporal"));
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      candidates.add(Path.of(dir, "temporal"));
    }
    return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
  }

  static DevServer start(Path cli, int port) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                cli.toString(),
                "server",
                "start-dev",
                "--headless",
                "--ip",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--http-port",
                Integer.toString(Bench.freePort()),
                "--metrics-port",
                Integer.toString(Bench.freePort()),
                "--log-level",
                "error"));
    for (String name : SearchAttributeNames.ALL) {
      command.add("--search-attribute");
      command.add(name + "=Keyword");
    }
    ManagedProcess process =
        ManagedProcess.start(command, Map.of(), Path.of(".hookflow", "bench", "temporal-dev.log"));
    long deadline = System.currentTimeMillis() + 60_000;
    while (!Bench.listening(port)) {
      if (System.currentTimeMillis() > deadline) {
        process.close();
        throw new IllegalStateException("Temporal dev server did not listen on " + port);
      }
      Thread.sleep(100);
    }
    Thread.sleep(1000);
    return new DevServer(process);
  }

  @Override
  public void close() throws Exception {
    process.close();
  }
}
