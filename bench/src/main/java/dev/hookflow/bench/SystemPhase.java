package dev.hookflow.bench;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The headline measurement: the hub in role {@code all}, executing every workflow it starts, as
 * people run it. One round sends {@code count} webhooks (or raw starts of the same workflow, the
 * baseline, executed by the same hub worker) and then waits until the hub's worker has completed
 * every workflow they started. Accepted/s is the rate of 202s; completed/s the rate from the first
 * request to the last workflow closed, the rate the whole system sustains. Temporal's persistence
 * requests per event come from its own metrics.
 */
final class SystemPhase {
  private static final String TASK_QUEUE = "hookflow";
  private static final int DUPLICATE_EVERY = 20;

  private final ManagedProcess hub;
  private final PromText hubMetrics;
  private final TemporalBackend temporal;
  private final PromText serverMetrics;
  private final WorkflowClient client;
  private final int httpPort;

  /** Runs the measured rounds started, to be confirmed closed. */
  private int expectedClosed;

  SystemPhase(ManagedProcess hub, int httpPort, TemporalBackend temporal, WorkflowClient client) {
    this.hub = hub;
    this.httpPort = httpPort;
    this.hubMetrics = new PromText("http://127.0.0.1:" + httpPort + "/prometheus");
    this.temporal = temporal;
    this.serverMetrics = temporal.metricsUrl() == null ? null : new PromText(temporal.metricsUrl());
    this.client = client;
  }

  /** One side of one round. */
  record Round(
      double acceptedRps,
      double completedRps,
      double p99Ms,
      double writesPerEvent,
      double requestsPerEvent,
      double hubCpuMs,
      double serverCpuMs,
      int errors) {}

  /**
   * One measurement: {@code count} events of each side; the raw baseline first in even repeats, the
   * hub first in odd ones, so neither always meets the fuller database.
   */
  SystemSample measure(String phase, int concurrency, int count, int repeat, long maxMillis)
      throws Exception {
    Round raw = null;
    Round hubRound = null;
    for (boolean rawTurn :
        repeat % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
      if (rawTurn) {
        raw = round(phase + "raw", concurrency, count, true, maxMillis);
      } else {
        hubRound = round(phase, concurrency, count, false, maxMillis);
      }
    }
    return new SystemSample(hubRound, raw);
  }

  Round round(String phase, int concurrency, int count, boolean raw, long maxMillis)
      throws Exception {
    int unique = unique(count);
    EventLogTail tail = new EventLogTail(hub.log());
    java.util.Set<String> recorded = new java.util.HashSet<>();
    double[] persistenceBefore = persistence();
    double hubCpuBefore = hub.cpuSeconds();
    double serverCpuBefore = Bench.cpuSeconds(temporal.pids());
    long start = System.nanoTime();
    Stats load =
        raw
            ? RawLoad.run(
                client, TASK_QUEUE, phase, 0, count, DUPLICATE_EVERY, concurrency, maxMillis)
            : HttpLoad.run(
                "hub",
                httpPort,
                Requests.build(phase, count, DUPLICATE_EVERY, httpPort),
                concurrency,
                maxMillis);
    long deadline = System.nanoTime() + maxMillis * 1_000_000L;
    // Every event's step has run once its line is in the log (the run closes in the same workflow
    // task; before EventLog v1, in the next one). The hub's SDK metrics, which confirm that every
    // run closed (confirmAllClosed), are only published every 10 s: too coarse to time a round.
    String marker = "/" + phase + "-";
    while (recorded.size() < unique) {
      tail.read(marker, recorded);
      check(deadline, recorded.size(), unique, maxMillis);
      Thread.sleep(20);
    }
    expectedClosed += unique;
    double seconds = (System.nanoTime() - start) / 1e9;
    double[] persistenceAfter = persistence();
    Round round =
        new Round(
            load.rps(),
            unique / seconds,
            load.percentileMs(99),
            (persistenceAfter[0] - persistenceBefore[0]) / unique,
            (persistenceAfter[1] - persistenceBefore[1]) / unique,
            (hub.cpuSeconds() - hubCpuBefore) * 1000 / unique,
            (Bench.cpuSeconds(temporal.pids()) - serverCpuBefore) * 1000 / unique,
            load.errorCount());
    Bench.print(
        "DETAIL %s c=%d accepted=%.1f/s completed=%.1f/s p99=%.1fms writes/event=%.1f"
            + " requests/event=%.1f hub_cpu_ms=%.2f temporal_cpu_ms=%.2f errors=%s",
        raw ? "raw-system" : "hub-system",
        concurrency,
        round.acceptedRps(),
        round.completedRps(),
        round.p99Ms(),
        round.writesPerEvent(),
        round.requestsPerEvent(),
        round.hubCpuMs(),
        round.serverCpuMs(),
        load.errors);
    return round;
  }

  /**
   * Waits until the hub's worker reports every workflow of the measured rounds closed (its SDK
   * metrics lag by up to 10 s); prints how many it saw.
   */
  void confirmAllClosed(double closedAtStart) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    double closed;
    while ((closed = completed() - closedAtStart) < expectedClosed
        && System.nanoTime() < deadline) {
      Thread.sleep(1000);
    }
    Bench.print(
        "DETAIL workflows closed per the hub's SDK metrics: %.0f of %d started in the system phase%s",
        closed, expectedClosed, closed >= expectedClosed ? "" : " (MISSING: see the hub's log)");
  }

  private static void check(long deadline, int done, int unique, long maxMillis) {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException(
          String.format("only %d of %d workflows completed within %d ms", done, unique, maxMillis));
    }
  }

  /** Distinct events among {@code count} requests (every 20th is a redelivery). */
  static int unique(int count) {
    int duplicates = 0;
    for (int i = 0; i < count; i++) {
      if (i % DUPLICATE_EVERY == DUPLICATE_EVERY - 1 && i >= 10) {
        duplicates++;
      }
    }
    return count - duplicates;
  }

  /** Workflows the hub's worker has completed so far (its SDK metrics). */
  double completed() throws IOException, InterruptedException {
    return hubMetrics.sum("temporal_workflow_completed_total", labels -> true);
  }

  /**
   * Temporal's persistence requests so far: {writes, all}. Writes are the operations that change
   * state (create, update, append, add, complete, delete, record, upsert...); the rest read.
   */
  double[] persistence() throws IOException, InterruptedException {
    if (serverMetrics == null) {
      return new double[] {Double.NaN, Double.NaN};
    }
    String text = serverMetrics.scrape();
    double all = PromText.sum(text, "persistence_requests", labels -> true);
    double reads = PromText.sum(text, "persistence_requests", SystemPhase::isRead);
    return new double[] {all - reads, all};
  }

  private static boolean isRead(String labels) {
    int at = labels.indexOf("operation=\"");
    if (at < 0) {
      return false;
    }
    String op = labels.substring(at + 11);
    for (String prefix : List.of("Get", "List", "Read", "Count", "Scan", "Describe", "Is")) {
      if (op.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Hub and baseline of one measurement. */
  record SystemSample(Round hub, Round raw) {
    double ratio() {
      return hub.completedRps() / raw.completedRps();
    }

    static String result(String scenario, int concurrency, List<SystemSample> samples) {
      return String.format(
          Locale.ROOT,
          "RESULT-SYSTEM scenario=%s concurrency=%d repeats=%d accepted_rps=%s completed_rps=%s"
              + " raw_completed_rps=%s ratio=%s p99_ms=%s raw_p99_ms=%s writes_per_event=%s"
              + " raw_writes_per_event=%s hub_cpu_ms=%s temporal_cpu_ms=%s errors=%d",
          scenario,
          concurrency,
          samples.size(),
          Sample.spread(samples, s -> s.hub().acceptedRps(), "%.1f"),
          Sample.spread(samples, s -> s.hub().completedRps(), "%.1f"),
          Sample.spread(samples, s -> s.raw().completedRps(), "%.1f"),
          Sample.spread(samples, SystemSample::ratio, "%.2f"),
          Sample.spread(samples, s -> s.hub().p99Ms(), "%.1f"),
          Sample.spread(samples, s -> s.raw().p99Ms(), "%.1f"),
          Sample.spread(samples, s -> s.hub().writesPerEvent(), "%.1f"),
          Sample.spread(samples, s -> s.raw().writesPerEvent(), "%.1f"),
          Sample.spread(samples, s -> s.hub().hubCpuMs(), "%.2f"),
          Sample.spread(samples, s -> s.hub().serverCpuMs(), "%.2f"),
          samples.stream().mapToInt(s -> s.hub().errors() + s.raw().errors()).sum());
    }
  }
}
