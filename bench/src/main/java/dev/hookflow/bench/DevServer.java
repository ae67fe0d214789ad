package dev.hookflow.bench;

import dev.hookflow.workflows.event.SearchAttributeNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Temporal CLI dev server: in memory (scenario {@code dev}) or on a SQLite file with the
 * settings {@code ./hub dev-server} uses (scenario {@code dev-durable}).
 */
final class DevServer extends LocalTemporal {
  private final ManagedProcess process;
  private final String storage;

  private DevServer(ManagedProcess process, int port, int metricsPort, String storage) {
    super(port, metricsPort);
    this.process = process;
    this.storage = storage;
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

  /**
   * Starts it.
   *
   * @param dbFile null for in memory; otherwise a fresh SQLite file
   * @param pragmas {@code --sqlite-pragma} values ({@code name=value}); only with a file
   */
  static DevServer start(Path cli, Path dbFile, List<String> pragmas) throws Exception {
    int port = Bench.freePort();
    int metricsPort = Bench.freePort();
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
                Integer.toString(metricsPort),
                "--log-level",
                "error"));
    String storage = "in memory";
    if (dbFile != null) {
      Files.createDirectories(dbFile.toAbsolutePath().getParent());
      // A fresh database: the file and what SQLite keeps beside it (a stale WAL from a killed
      // run would make the new file look corrupt).
      for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
        Files.deleteIfExists(Path.of(dbFile + suffix));
      }
      command.add("--db-filename");
      command.add(dbFile.toString());
      for (String pragma : pragmas) {
        command.add("--sqlite-pragma");
        command.add(pragma);
      }
      storage = "SQLite file " + dbFile + (pragmas.isEmpty() ? "" : " (pragmas " + pragmas + ")");
    }
    for (String name : SearchAttributeNames.ALL) {
      command.add("--search-attribute");
      command.add(name + "=Keyword");
    }
    ManagedProcess process =
        ManagedProcess.start(command, Map.of(), Path.of(".hookflow", "bench", "temporal-dev.log"));
    Bench.awaitListening(process, port, "Temporal dev server");
    return new DevServer(process, port, metricsPort, storage);
  }

  @Override
  public long[] pids() {
    return new long[] {process.pid()};
  }

  @Override
  public String describe() {
    return "Temporal CLI dev server on " + target() + ", " + storage;
  }

  @Override
  public void close() throws Exception {
    process.close();
  }
}
