package dev.hookflow.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Hookflow's intake benchmark. For each Temporal (the hub's embedded test server; the Temporal CLI
 * dev server when found) it starts the hub as a separate process, then for each concurrency runs
 * the raw baseline (WorkflowClient.start from this process) and the hub (signed webhooks over
 * keep-alive HTTP/1.1) against the same Temporal and worker, and prints one RESULT line per
 * scenario.
 *
 * <p>Usage: {@code java -jar bench/target/bench.jar --help}.
 */
public final class Bench {
  private static final String TASK_QUEUE = "hookflow";

  private final Map<String, String> options;
  private final List<String> results = new ArrayList<>();
  private final List<String> verdicts = new ArrayList<>();

  /** The relay destination of the complete hub (role all); null while none runs. */
  private RelaySink relaySink;

  private Bench(Map<String, String> options) {
    this.options = options;
  }

  /** Options that take a value, with their help text. */
  private static final Map<String, String> VALUED = new java.util.LinkedHashMap<>();

  static {
    VALUED.put("concurrency", "1,16,64        virtual users per phase");
    VALUED.put(
        "scenarios",
        "embedded,dev-durable,postgres   also: dev (in memory),"
            + " dev-durable-full (SQLite defaults)");
    VALUED.put(
        "phases",
        "system,intake  system: role all, to workflow closed; intake: role intake;"
            + " outbound: publish and delivery (sending webhooks)");
    VALUED.put("system-count", "N              webhooks per system round (1000 quick, 5000 full)");
    VALUED.put("count", "N              webhooks (and raw starts) per intake phase per repeat");
    VALUED.put(
        "outbound-count", "N              messages per outbound round (1000 quick, 3000 full)");
    VALUED.put(
        "outbound-soak",
        "N              after the outbound rounds, N messages in 5 rounds (hub heap, RSS);"
            + " --repeat 0 skips the rounds");
    VALUED.put("repeat", "N              interleaved repeats (default 3): medians [min..max]");
    VALUED.put("warmup", "seconds        hub warm-up by time (default 20 quick, 60 full)");
    VALUED.put("soak", "N              after the phases, N webhooks in 5 rounds (heap, RSS)");
    VALUED.put("hub-jar", "path           hub jar under test (default hub-api/target/hub-api.jar)");
    VALUED.put("hub-jvm", "'flags'        the hub's JVM flags (default -Xms512m -Xmx1g)");
  }

  static String usage() {
    StringBuilder out =
        new StringBuilder(
            "Usage: ./hub bench [options]   (java -jar bench/target/bench.jar [options])\n"
                + "  --quick       short counts (a few minutes)\n");
    VALUED.forEach(
        (name, text) ->
            out.append(
                String.format("  --%-12s%s%n", name, text.replaceFirst("^(\\S+) +", "$1  "))));
    out.append("  --help        this text\n")
        .append("Verdict per scenario at c=16 and 64, on the medians: intake CPU per webhook")
        .append(" <= 1.1x the raw client's CPU per start, hub/raw throughput >= 0.9,")
        .append(" hub p99 <= 2x raw p99.\n");
    return out.toString();
  }

  /**
   * The options, or exits: 0 after {@code --help}, 2 with one line for an unknown option or a
   * missing value.
   */
  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String key = arg.startsWith("--") ? arg.substring(2) : null;
      if ("help".equals(key) || "-h".equals(arg)) {
        System.out.print(usage());
        System.exit(0);
      } else if ("quick".equals(key)) {
        options.put("quick", "true");
      } else if (key != null && VALUED.containsKey(key)) {
        if (i + 1 >= args.length) {
          System.err.println("bench: --" + key + " needs a value (see --help)");
          System.exit(2);
        }
        options.put(key, args[++i]);
      } else {
        System.err.println("bench: unknown option " + arg + " (see --help)");
        System.exit(2);
      }
    }
    return options;
  }

  public static void main(String[] args) throws Exception {
    // Interrupted (Ctrl-C, kill), the benchmark takes its hub, Temporal and database with it.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
    new Bench(parse(args)).run();
    System.exit(0);
  }

  private boolean quick() {
    return options.containsKey("quick");
  }

  private void run() throws Exception {
    Path builtJar = Path.of(options.getOrDefault("hub-jar", "hub-api/target/hub-api.jar"));
    if (!Files.exists(builtJar)) {
      throw new IllegalStateException(builtJar + " not found; run ./hub build first");
    }
    // Run from a private copy: a rebuild during a long run must not swap classes under the hub.
    Path hubJar =
        Path.of(".hookflow", "bench", "hub-under-test-" + ProcessHandle.current().pid() + ".jar");
    Files.createDirectories(hubJar.getParent());
    Files.copy(builtJar, hubJar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    hubJar.toFile().deleteOnExit();
    List<String> scenarios =
        Arrays.asList(
            options.getOrDefault("scenarios", "embedded,dev-durable,postgres").split(","));
    int[] concurrencies =
        Arrays.stream(options.getOrDefault("concurrency", "1,16,64").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    print(
        "machine: %d cores, %s, Java %s",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        System.getProperty("java.version"));
    for (String scenario : scenarios) {
      try (TemporalBackend temporal = backend(scenario.trim())) {
        if (temporal != null) {
          scenario(scenario.trim(), hubJar, temporal, concurrencies);
        }
      }
    }
    System.out.println();
    results.forEach(System.out::println);
    boolean pass = verdicts.stream().allMatch(v -> v.endsWith("PASS"));
    verdicts.forEach(System.out::println);
    if (!verdicts.isEmpty()) {
      System.out.println("VERDICT overall=" + (pass ? "PASS" : "FAIL"));
    }
  }

  /** SQLite settings of {@code ./hub dev-server} (see the README's "Running in production"). */
  static final List<String> DEV_PRAGMAS = List.of("journal_mode=wal", "synchronous=normal");

  /** Starts the scenario's Temporal, or prints SKIP with the reason and answers null. */
  private TemporalBackend backend(String scenario) throws Exception {
    switch (scenario) {
      case "embedded":
        return TemporalBackend.EMBEDDED;
      case "dev", "dev-durable", "dev-durable-full":
        Path cli = DevServer.find();
        if (cli == null) {
          print(
              "SKIP scenario=%s reason=no Temporal CLI found and none could be installed"
                  + " (./hub bench installs it with Go; TEMPORAL_CLI=/path/to/temporal)",
              scenario);
          return null;
        }
        if (scenario.equals("dev")) {
          return DevServer.start(cli, null, List.of());
        }
        Path db = Path.of(".hookflow", "bench", "temporal-" + scenario + ".db");
        // dev-durable: as ./hub dev-server runs it; -full: SQLite's defaults (a sync per commit).
        return DevServer.start(cli, db, scenario.equals("dev-durable") ? DEV_PRAGMAS : List.of());
      case "postgres":
        String missing = PostgresTemporal.missing();
        if (missing != null) {
          print("SKIP scenario=postgres reason=%s", missing);
          return null;
        }
        return PostgresTemporal.start();
      default:
        throw new IllegalArgumentException("unknown scenario " + scenario);
    }
  }

  private ManagedProcess startHub(
      String name, String role, Path hubJar, int httpPort, int embeddedPort, String temporalTarget)
      throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("HOOKFLOW_PORT", Integer.toString(httpPort));
    env.put("HOOKFLOW_ROLE", role);
    env.put("GITHUB_WEBHOOK_SECRET", Requests.GITHUB_SECRET);
    env.put("STANDARD_WEBHOOK_SECRET", Requests.STANDARD_SECRET);
    env.put("HOOKFLOW_TEMPORAL_EMBEDDED_PORT", Integer.toString(embeddedPort));
    if (temporalTarget != null) {
      env.put("TEMPORAL_ADDRESS", temporalTarget);
    }
    // The sending side: a throwaway embedded PostgreSQL per hub, the bench's API token.
    env.put("HOOKFLOW_DATABASE_DIR", "");
    env.put("HOOKFLOW_MANAGEMENT_TOKEN", OutboundPhase.TOKEN);
    if (relaySink != null && role.equals("all")) {
      env.put("MICRONAUT_CONFIG_FILES", relayConfig(relaySink).toString());
    }
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(Arrays.asList(options.getOrDefault("hub-jvm", "-Xms512m -Xmx1g").split(" ")));
    command.addAll(List.of("-jar", hubJar.toString()));
    Path log = Path.of(".hookflow", "bench", "hub-" + name + "-" + role + ".log");
    print(
        "== scenario %s: hub (role %s) on :%d, Temporal %s, log %s",
        name,
        role,
        httpPort,
        temporalTarget == null ? "embedded on :" + embeddedPort : temporalTarget,
        log);
    return ManagedProcess.start(command, env, log);
  }

  private void scenario(String name, Path hubJar, TemporalBackend temporal, int[] concurrencies)
      throws Exception {
    String runId = UUID.randomUUID().toString().substring(0, 8);
    String temporalTarget = temporal.target();
    print("== scenario %s: %s", name, temporal.describe());
    List<String> phases = Arrays.asList(options.getOrDefault("phases", "system,intake").split(","));

    // 1. The complete hub (intake + worker), as people run it: first webhook after start-up,
    // end-to-end latency, then the full-system throughput against the raw baseline.
    int httpPort = freePort();
    int embeddedPort = freePort();
    relaySink = new RelaySink();
    try (RelaySink sink = relaySink;
        ManagedProcess hub =
            startHub(name, "all", hubJar, httpPort, embeddedPort, temporalTarget)) {
      long ready = hub.awaitLog("Hookflow ready", 120_000);
      long t0 = System.nanoTime();
      int status;
      try (HttpLoad.Connection connection = new HttpLoad.Connection(httpPort)) {
        status = connection.exchange(Requests.github(runId + "-first", httpPort));
      }
      long t1 = System.nanoTime();
      print(
          "DETAIL scenario=%s first_webhook_ms=%.1f status=%d (%.1f ms after the ready line was seen)",
          name, (t1 - t0) / 1e6, status, (t1 - ready) / 1e6);
      String target = temporalTarget != null ? temporalTarget : "127.0.0.1:" + embeddedPort;
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
      try {
        WorkflowClient client =
            WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().build());
        endToEnd(name, client, httpPort, runId, quick() ? 50 : 200);
        relayEndToEnd(name, httpPort, runId, quick() ? 50 : 200);
        if (phases.contains("system")) {
          system(name, hub, httpPort, temporal, client, runId, concurrencies);
        }
        if (phases.contains("outbound")) {
          new OutboundPhase(hub, httpPort, temporal, client)
              .run(
                  name,
                  runId,
                  concurrencies,
                  Integer.parseInt(
                      options.getOrDefault("outbound-count", quick() ? "1000" : "3000")),
                  Integer.parseInt(options.getOrDefault("repeat", "3")),
                  Integer.parseInt(options.getOrDefault("outbound-soak", "0")));
        }
      } finally {
        stubs.shutdownNow();
      }
    }
    if (!phases.contains("intake")) {
      return;
    }

    // 2. Intake only (secondary): the worker would compete for the same two cores in both the raw
    // and the hub phase, so throughput compares just what a webhook costs against a raw start.
    // The embedded Temporal lives in the hub process and keeps every started workflow (none runs)
    // in memory; it slows down as they pile up (finding 3) until starts time out, so with full
    // counts each concurrency gets a fresh hub there, and with it a fresh Temporal. The quick run
    // (about 15,000 workflows) and the dev server share one.
    List<int[]> groups = new ArrayList<>();
    if (temporalTarget == null && !quick()) {
      Arrays.stream(concurrencies).forEach(c -> groups.add(new int[] {c}));
    } else {
      groups.add(concurrencies);
    }
    for (int g = 0; g < groups.size(); g++) {
      intake(name, hubJar, temporalTarget, runId + "-" + g, groups.get(g), g == groups.size() - 1);
    }
  }

  /**
   * Full-system throughput at each concurrency >= 16 (c=1 adds nothing the end-to-end latency does
   * not show), repeats interleaved, after a warm-up by time of both sides.
   */
  private void system(
      String name,
      ManagedProcess hub,
      int httpPort,
      TemporalBackend temporal,
      WorkflowClient client,
      String runId,
      int[] concurrencies)
      throws Exception {
    SystemPhase phase = new SystemPhase(hub, httpPort, temporal, client);
    double closedAtStart = phase.completed();
    long maxMillis = 600_000;
    int warm = Integer.parseInt(options.getOrDefault("warmup", quick() ? "20" : "60"));
    for (boolean raw : new boolean[] {false, true}) {
      long end = System.nanoTime() + warm * 1_000_000_000L;
      for (int batch = 0; System.nanoTime() < end; batch++) {
        phase.round(runId + "sw" + batch + (raw ? "r" : ""), 16, 500, raw, maxMillis);
      }
    }
    int count = Integer.parseInt(options.getOrDefault("system-count", quick() ? "1000" : "5000"));
    int repeats = Integer.parseInt(options.getOrDefault("repeat", "3"));
    Map<Integer, List<SystemPhase.SystemSample>> samples = new java.util.LinkedHashMap<>();
    for (int rep = 0; rep < repeats; rep++) {
      for (int c : concurrencies) {
        if (c < 16) {
          continue;
        }
        samples
            .computeIfAbsent(c, k -> new ArrayList<>())
            .add(phase.measure(runId + "s" + rep + "c" + c, c, count, rep, maxMillis));
      }
    }
    phase.confirmAllClosed(closedAtStart);
    samples.forEach((c, list) -> results.add(SystemPhase.SystemSample.result(name, c, list)));
  }

  /** Throughput phases against one intake-only hub; the soak, when asked for, after the last. */
  private void intake(
      String name,
      Path hubJar,
      String temporalTarget,
      String runId,
      int[] concurrencies,
      boolean last)
      throws Exception {
    int httpPort = freePort();
    int embeddedPort = freePort();
    String target = temporalTarget != null ? temporalTarget : "127.0.0.1:" + embeddedPort;
    try (ManagedProcess hub =
        startHub(name, "intake", hubJar, httpPort, embeddedPort, temporalTarget)) {
      hub.awaitLog("Hookflow ready", 120_000);
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
      WorkflowClient client =
          WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().build());
      try {
        long maxMillis = quick() ? 30_000 : 180_000;
        // Warm-up by time, as JMH does: the hub is a fresh JVM whose JIT (C2) competes with
        // Temporal and the load generator for the two cores until the hot paths are compiled;
        // that start-up cost is measured by first_webhook_ms, not by the throughput ratio.
        int hubWarm = Integer.parseInt(options.getOrDefault("warmup", quick() ? "20" : "60"));
        warmUp(httpPort, runId, hubWarm);
        // The raw client warms by time too: in the first scenario it is as cold as the hub.
        warmUpRaw(client, runId, hubWarm, maxMillis);
        int repeats = Integer.parseInt(options.getOrDefault("repeat", "3"));
        Map<Integer, List<Sample>> samples = new java.util.LinkedHashMap<>();
        // Repeats are interleaved across concurrencies, so a burst of noise on the shared machine
        // lands in one repeat of each, not in all repeats of one.
        for (int rep = 0; rep < repeats; rep++) {
          for (int c : concurrencies) {
            samples
                .computeIfAbsent(c, k -> new ArrayList<>())
                .add(measure(name, hub, client, httpPort, runId + "r" + rep, c, maxMillis));
          }
        }
        samples.forEach(
            (c, list) -> {
              results.add(Sample.result(name, c, list));
              if (c >= 16) {
                verdicts.add(Sample.verdict(name, c, list));
              }
            });
        double[] rss = hub.rssMiB();
        print("DETAIL scenario=%s hub_rss_mib=%.0f hub_peak_rss_mib=%.0f", name, rss[0], rss[1]);
        int soak = Integer.parseInt(options.getOrDefault("soak", "0"));
        if (soak > 0 && last) {
          soak(name, hub, httpPort, runId, soak);
        }
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  /**
   * One measurement at one concurrency: raw starts and webhooks alternating in four ABBA rounds
   * (Temporal slows down as open workflows pile up, so each side sees the same server state on
   * average), with the hub process's CPU in each side's rounds and the raw client's own CPU.
   */
  private Sample measure(
      String name,
      ManagedProcess hub,
      WorkflowClient client,
      int httpPort,
      String phaseId,
      int c,
      long maxMillis)
      throws Exception {
    int duplicateEvery = 20;
    int count =
        Integer.parseInt(
            options.getOrDefault(
                "count",
                Integer.toString(c == 1 ? (quick() ? 100 : 400) : (quick() ? 800 : 4000))));
    String phase = phaseId + "c" + c;
    byte[][] requests = Requests.build(phase, count, duplicateEvery, httpPort);
    int rounds = 4;
    List<Stats> rawRounds = new ArrayList<>();
    List<Stats> hubRounds = new ArrayList<>();
    double rawCpu = 0;
    double hubCpu = 0;
    double rawClientCpu = 0;
    for (int r = 0; r < rounds; r++) {
      int from = count * r / rounds;
      int to = count * (r + 1) / rounds;
      for (boolean rawTurn :
          r % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
        double before = hub.cpuSeconds();
        if (rawTurn) {
          Stats round =
              RawLoad.run(client, TASK_QUEUE, phase, from, to, duplicateEvery, c, maxMillis);
          rawRounds.add(round);
          rawCpu += hub.cpuSeconds() - before;
          rawClientCpu += round.clientCpuSeconds;
        } else {
          hubRounds.add(
              HttpLoad.run("hub", httpPort, Arrays.copyOfRange(requests, from, to), c, maxMillis));
          hubCpu += hub.cpuSeconds() - before;
        }
      }
    }
    Stats raw = Stats.merge(rawRounds);
    Stats hubStats = Stats.merge(hubRounds);
    print("DETAIL %s", raw.describe());
    print("DETAIL %s", hubStats.describe());
    double hubProcessDuringHub = hubCpu * 1000 / Math.max(1, hubStats.ok);
    double hubProcessDuringRaw = rawCpu * 1000 / Math.max(1, raw.ok);
    double rawClient = rawClientCpu * 1000 / Math.max(1, raw.ok);
    print(
        "DETAIL scenario=%s concurrency=%d cpu_ms_per_event: hub process during hub=%.2f, during"
            + " raw=%.2f%s; raw client (bench process)=%.2f",
        name,
        c,
        hubProcessDuringHub,
        hubProcessDuringRaw,
        name.equals("embedded") ? " (it hosts the embedded Temporal in both)" : "",
        rawClient);
    return new Sample(
        hubStats.rps(),
        raw.rps(),
        hubStats.percentileMs(99),
        raw.percentileMs(99),
        // Intake's own cost: what the hub process spends per webhook beyond what it spends per
        // raw start (Temporal's share when embedded; idling otherwise).
        hubProcessDuringHub - hubProcessDuringRaw,
        rawClient,
        hubStats.errorCount() + raw.errorCount());
  }

  /** Raw starts at concurrency 16 for {@code seconds}, in batches with fresh event ids. */
  private void warmUpRaw(WorkflowClient client, String runId, int seconds, long maxMillis)
      throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    int started = 0;
    for (int batch = 0; System.nanoTime() < end; batch++) {
      started += RawLoad.run(client, TASK_QUEUE, runId + "rw" + batch, 0, 500, 0, 16, maxMillis).ok;
    }
    print("DETAIL raw client warm-up: %d starts in %d s", started, seconds);
  }

  /** Sends webhooks at concurrency 16 for {@code seconds}, in batches with fresh event ids. */
  private void warmUp(int port, String runId, int seconds) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    int sent = 0;
    for (int batch = 0; System.nanoTime() < end; batch++) {
      long left = Math.max(1, (end - System.nanoTime()) / 1_000_000);
      Stats stats =
          HttpLoad.run("warm", port, Requests.build(runId + "w" + batch, 1000, 0, port), 16, left);
      sent += stats.ok;
    }
    print("DETAIL hub warm-up: %d webhooks in %d s", sent, seconds);
  }

  /** Time from the 202 to the workflow's first activity having run and the workflow closing. */
  private void endToEnd(String name, WorkflowClient client, int port, String runId, int samples)
      throws Exception {
    long[] latencies = new long[samples];
    try (HttpLoad.Connection connection = new HttpLoad.Connection(port)) {
      for (int i = 0; i < samples; i++) {
        String id = runId + "-e2e-" + i;
        int status = connection.exchange(Requests.github(id, port));
        long accepted = System.nanoTime();
        if (status != 202) {
          throw new IllegalStateException("webhook answered " + status + "; see the hub's log");
        }
        client
            .newUntypedWorkflowStub("github-push-" + id)
            .getResult(30, TimeUnit.SECONDS, Object.class);
        latencies[i] = System.nanoTime() - accepted;
      }
    }
    Stats stats = new Stats("e2e", 1, latencies, samples, Map.of(), 1);
    // What one webhook writes into Temporal's history: the events of its EventLog run.
    int sampled = Math.min(10, samples);
    long events = 0;
    for (int i = 0; i < sampled; i++) {
      events += client.fetchHistory("github-push-" + runId + "-e2e-" + i).getEvents().size();
    }
    print(
        "DETAIL scenario=%s e2e_202_to_workflow_done p50_ms=%.1f p99_ms=%.1f (EventLog; %d samples)"
            + " history_events_per_webhook=%.1f",
        name, stats.percentileMs(50), stats.percentileMs(99), samples, (double) events / sampled);
  }

  /**
   * Time from the 202 to the first downstream call of a relay workflow: the hub relays GitHub
   * {@code bench-relay} events to a receiver in this process, which notes when each {@code
   * webhook-id} arrives.
   */
  private void relayEndToEnd(String name, int port, String runId, int samples) throws Exception {
    long[] latencies = new long[samples];
    try (HttpLoad.Connection connection = new HttpLoad.Connection(port)) {
      for (int i = 0; i < samples; i++) {
        String id = runId + "-relay-" + i;
        CompletableFuture<Long> arrived = relaySink.expect("github-" + id);
        int status = connection.exchange(Requests.github(id, "bench-relay", port));
        long accepted = System.nanoTime();
        if (status != 202) {
          throw new IllegalStateException("relay webhook answered " + status);
        }
        latencies[i] = arrived.get(30, TimeUnit.SECONDS) - accepted;
      }
    }
    Stats stats = new Stats("relay", 1, latencies, samples, Map.of(), 1);
    print(
        "DETAIL scenario=%s e2e_202_to_first_relay_call p50_ms=%.1f p99_ms=%.1f (Relay workflow, one destination on loopback; %d samples)",
        name, stats.percentileMs(50), stats.percentileMs(99), samples);
  }

  /** A route that relays GitHub {@code bench-relay} events to the sink. */
  private static Path relayConfig(RelaySink sink) throws IOException {
    Path file = Path.of(".hookflow", "bench", "relay-route.yml");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        """
        hookflow:
          fallback-route: true
          routes:
            - name: bench-relay
              source: github
              events: ["bench-relay"]
              relay:
                - name: sink
                  url: %s
                  secret: %s
        """
            .formatted(sink.url(), RelaySink.SECRET));
    return file.toAbsolutePath();
  }

  /** Sends {@code total} webhooks in rounds and samples heap-after-GC and RSS, to show a leak. */
  private void soak(String name, ManagedProcess hub, int port, String runId, int total)
      throws Exception {
    int rounds = 5;
    int perRound = total / rounds;
    print(
        "DETAIL scenario=%s soak round=0 sent=0 heap_after_gc_mib=%.1f rss_mib=%.0f",
        name, hub.heapAfterGcMiB(), hub.rssMiB()[0]);
    for (int r = 1; r <= rounds; r++) {
      Stats stats =
          HttpLoad.run(
              "hub", port, Requests.build(runId + "s" + r, perRound, 0, port), 16, 600_000);
      print(
          "DETAIL scenario=%s soak round=%d sent=%d rps=%.0f errors=%d heap_after_gc_mib=%.1f rss_mib=%.0f",
          name,
          r,
          r * perRound,
          stats.rps(),
          stats.errorCount(),
          hub.heapAfterGcMiB(),
          hub.rssMiB()[0]);
    }
  }

  /** CPU seconds of this (load generator) process. */
  static double selfCpuSeconds() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(d -> d.toNanos() / 1e9)
        .orElse(0.0);
  }

  /** User + system CPU seconds of these processes (those that have exited count nothing). */
  static double cpuSeconds(long[] pids) {
    double total = 0;
    for (long pid : pids) {
      try {
        total += ManagedProcess.cpuSeconds(pid);
      } catch (IOException e) {
        // exited
      }
    }
    return total;
  }

  /** Waits until {@code process} listens on {@code port}, then a second for it to settle. */
  static void awaitListening(ManagedProcess process, int port, String what) throws Exception {
    long deadline = System.currentTimeMillis() + 90_000;
    while (!listening(port)) {
      if (System.currentTimeMillis() > deadline || !process.isAlive()) {
        process.close();
        throw new IllegalStateException(what + " did not listen on " + port);
      }
      Thread.sleep(100);
    }
    Thread.sleep(1000);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static boolean listening(int port) {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void print(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
