package dev.hookflow.bench;

import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The production-like scenario: the Temporal server itself ({@code go.temporal.io/server}, as the
 * compose file's image runs it) on a PostgreSQL 16 started here (the same embedded binaries the
 * hub's tests use), with durable commits ({@code synchronous_commit=on}, fsync on).
 */
final class PostgresTemporal extends LocalTemporal {
  /** Where {@code ./hub bench} installs the server, its SQL tool and its schema. */
  static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "hookflow");

  private final EmbeddedPostgres postgres;
  private final ManagedProcess server;
  private final Path dataDir;

  private PostgresTemporal(
      EmbeddedPostgres postgres, ManagedProcess server, int port, int metricsPort, Path dataDir) {
    super(port, metricsPort);
    this.postgres = postgres;
    this.server = server;
    this.dataDir = dataDir;
  }

  private static Path installed(String env, Path fallback) {
    String value = System.getenv(env);
    Path path = value != null ? Path.of(value) : fallback;
    return Files.exists(path) ? path : null;
  }

  /** What is missing to run it, or null when everything is installed. */
  static String missing() {
    if (installed("TEMPORAL_SERVER", CACHE.resolve("bin/temporal-server")) == null) {
      return "no temporal-server (./hub bench installs it with Go; TEMPORAL_SERVER=/path)";
    }
    if (installed("TEMPORAL_SQL_TOOL", CACHE.resolve("bin/temporal-sql-tool")) == null) {
      return "no temporal-sql-tool (./hub bench installs it with Go; TEMPORAL_SQL_TOOL=/path)";
    }
    if (installed("TEMPORAL_SCHEMA_DIR", CACHE.resolve("temporal-schema")) == null) {
      return "no Temporal schema directory (./hub bench copies it; TEMPORAL_SCHEMA_DIR=/path)";
    }
    return null;
  }

  static PostgresTemporal start() throws Exception {
    Path serverBin = installed("TEMPORAL_SERVER", CACHE.resolve("bin/temporal-server"));
    Path sqlTool = installed("TEMPORAL_SQL_TOOL", CACHE.resolve("bin/temporal-sql-tool"));
    Path schema = installed("TEMPORAL_SCHEMA_DIR", CACHE.resolve("temporal-schema"));
    Path root = Path.of(".hookflow", "bench", "temporal-postgres").toAbsolutePath();
    deleteTree(root);
    Path dataDir = root.resolve("pgdata");
    Files.createDirectories(dataDir);
    // zonky turns synchronous_commit off by default; a commit here must be on disk, as in
    // production, or the figure would not be the durable one.
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(true)
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("fsync", "on")
            .setServerConfig("max_connections", "200")
            .start();
    try {
      int pgPort = postgres.getPort();
      for (String db : List.of("temporal", "temporal_visibility")) {
        String dir = db.equals("temporal") ? "temporal" : "visibility";
        sql(sqlTool, root, pgPort, db, "create-database");
        sql(sqlTool, root, pgPort, db, "setup-schema", "-v", "0.0");
        sql(
            sqlTool,
            root,
            pgPort,
            db,
            "update-schema",
            "-d",
            schema.resolve("postgresql/v12/" + dir + "/versioned").toString());
      }
      int port = Bench.freePort();
      int metricsPort = Bench.freePort();
      Path config = root.resolve("config");
      Files.createDirectories(config.resolve("dynamicconfig"));
      Files.writeString(config.resolve("dynamicconfig/development.yaml"), "{}\n");
      Files.writeString(
          config.resolve("development.yaml"),
          configYaml(pgPort, port, metricsPort, config.resolve("dynamicconfig/development.yaml")));
      ManagedProcess server =
          ManagedProcess.start(
              List.of(
                  serverBin.toString(),
                  "--root",
                  root.toString(),
                  "--config",
                  "config",
                  "--env",
                  "development",
                  "--allow-no-auth",
                  "start"),
              Map.of(),
              Path.of(".hookflow", "bench", "temporal-postgres.log"));
      Bench.awaitListening(server, port, "Temporal server");
      registerNamespace(port);
      return new PostgresTemporal(postgres, server, port, metricsPort, dataDir);
    } catch (Exception e) {
      postgres.close();
      throw e;
    }
  }

  private static void sql(Path tool, Path root, int pgPort, String db, String... args)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                tool.toString(),
                "--plugin",
                "postgres12",
                "--ep",
                "127.0.0.1",
                "-p",
                Integer.toString(pgPort),
                "-u",
                "postgres",
                "--db",
                db));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("sql-tool.log").toFile()))
            .start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(
          "temporal-sql-tool " + String.join(" ", args) + " failed; see " + root + "/sql-tool.log");
    }
  }

  /**
   * The "default" namespace and Hookflow's search attributes, as the compose set-up's one-shot job
   * creates them before the hub starts.
   */
  private static void registerNamespace(int port) throws Exception {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
    try {
      stubs
          .blockingStub()
          .registerNamespace(
              RegisterNamespaceRequest.newBuilder()
                  .setNamespace("default")
                  .setWorkflowExecutionRetentionPeriod(
                      com.google.protobuf.Duration.newBuilder().setSeconds(86_400))
                  .build());
      // The frontend's namespace cache refreshes every few seconds: first the namespace...
      Thread.sleep(12_000);
      io.temporal.serviceclient.OperatorServiceStubs operator =
          io.temporal.serviceclient.OperatorServiceStubs.newServiceStubs(
              io.temporal.serviceclient.OperatorServiceStubsOptions.newBuilder()
                  .setTarget("127.0.0.1:" + port)
                  .validateAndBuildWithDefaults());
      io.temporal.api.operatorservice.v1.AddSearchAttributesRequest.Builder request =
          io.temporal.api.operatorservice.v1.AddSearchAttributesRequest.newBuilder()
              .setNamespace("default");
      for (String name : dev.hookflow.workflows.event.SearchAttributeNames.ALL) {
        request.putSearchAttributes(
            name, io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      }
      try {
        operator.blockingStub().addSearchAttributes(request.build());
      } finally {
        operator.shutdownNow();
      }
    } finally {
      stubs.shutdownNow();
    }
    // ...then the search attributes' mapping.
    Thread.sleep(12_000);
  }

  private static String configYaml(int pgPort, int port, int metricsPort, Path dynamicConfig)
      throws Exception {
    // Temporal's SQL cluster_membership table keeps rpc ports as smallint: below 32768.
    int[] ports = new int[8];
    int candidate = 20_000 + new java.util.Random().nextInt(10_000);
    for (int i = 0; i < ports.length; candidate++) {
      try (java.net.ServerSocket socket = new java.net.ServerSocket(candidate)) {
        ports[i++] = socket.getLocalPort();
      } catch (java.io.IOException taken) {
        // try the next one
      }
    }
    String store =
        """
              sql:
                pluginName: "postgres12"
                databaseName: "%s"
                connectAddr: "127.0.0.1:%d"
                connectProtocol: "tcp"
                user: "postgres"
                password: ""
                maxConns: %d
                maxIdleConns: %d
                maxConnLifetime: "1h"
        """;
    return """
        log:
          stdout: true
          level: warn
        persistence:
          defaultStore: default
          visibilityStore: visibility
          numHistoryShards: 4
          datastores:
            default:
        %s
            visibility:
        %s
        global:
          membership:
            maxJoinDuration: 30s
            broadcastAddress: "127.0.0.1"
          metrics:
            prometheus:
              framework: "tally"
              timerType: "histogram"
              listenAddress: "127.0.0.1:%d"
        services:
          frontend:
            rpc: {grpcPort: %d, membershipPort: %d, bindOnLocalHost: true, httpPort: %d}
          matching:
            rpc: {grpcPort: %d, membershipPort: %d, bindOnLocalHost: true}
          history:
            rpc: {grpcPort: %d, membershipPort: %d, bindOnLocalHost: true}
          worker:
            rpc: {grpcPort: %d, membershipPort: %d, bindOnLocalHost: true}
        clusterMetadata:
          enableGlobalNamespace: false
          failoverVersionIncrement: 10
          masterClusterName: "active"
          currentClusterName: "active"
          clusterInformation:
            active:
              enabled: true
              initialFailoverVersion: 1
              rpcName: "frontend"
              rpcAddress: "127.0.0.1:%d"
        dcRedirectionPolicy:
          policy: "noop"
        dynamicConfigClient:
          filepath: "%s"
          pollInterval: "10s"
        """
        .formatted(
            store.formatted("temporal", pgPort, 20, 20).stripTrailing(),
            store.formatted("temporal_visibility", pgPort, 10, 10).stripTrailing(),
            metricsPort,
            port,
            ports[0],
            ports[1],
            ports[2],
            ports[3],
            ports[4],
            ports[5],
            ports[6],
            ports[7],
            port,
            dynamicConfig);
  }

  private static void deleteTree(Path root) throws Exception {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Override
  public long[] pids() {
    List<Long> pids = new ArrayList<>(List.of(server.pid()));
    // The postmaster and its backends (one per connection) do the database's work.
    try {
      long postmaster =
          Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
      pids.add(postmaster);
      ProcessHandle.of(postmaster)
          .ifPresent(p -> p.descendants().forEach(child -> pids.add(child.pid())));
    } catch (Exception e) {
      // no figure for the database's CPU then
    }
    return pids.stream().mapToLong(Long::longValue).toArray();
  }

  @Override
  public String describe() {
    return "Temporal server 1.29.1 on "
        + target()
        + ", PostgreSQL 16 on :"
        + postgres.getPort()
        + " (synchronous_commit=on, 4 history shards)";
  }

  @Override
  public void close() throws Exception {
    server.close();
    postgres.close();
  }
}
