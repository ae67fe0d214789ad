package dev.hookflow.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Outcome of one load phase: latencies of successful calls, errors by kind, wall time. */
final class Stats {
  final String label;
  final int concurrency;
  final long[] latenciesNanos;
  final int ok;
  final Map<String, Integer> errors;
  final double seconds;

  /** CPU the calling process spent during the phase (set for the raw client). */
  double clientCpuSeconds;

  Stats(
      String label,
      int concurrency,
      long[] latencies,
      int ok,
      Map<String, Integer> errors,
      double seconds) {
    this.label = label;
    this.concurrency = concurrency;
    this.latenciesNanos = latencies.clone();
    Arrays.sort(this.latenciesNanos);
    this.ok = ok;
    this.errors = new TreeMap<>(errors);
    this.seconds = seconds;
  }

  /** Rounds of one side combined: all latencies, summed counts and time. */
  static Stats merge(java.util.List<Stats> rounds) {
    long[] all =
        rounds.stream().flatMapToLong(r -> java.util.Arrays.stream(r.latenciesNanos)).toArray();
    Map<String, Integer> errors = new TreeMap<>();
    rounds.forEach(r -> r.errors.forEach((k, v) -> errors.merge(k, v, Integer::sum)));
    return new Stats(
        rounds.get(0).label,
        rounds.get(0).concurrency,
        all,
        rounds.stream().mapToInt(r -> r.ok).sum(),
        errors,
        rounds.stream().mapToDouble(r -> r.seconds).sum());
  }

  double rps() {
    return ok / seconds;
  }

  double percentileMs(double p) {
    if (latenciesNanos.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
    return latenciesNanos[Math.max(0, Math.min(index, latenciesNanos.length - 1))] / 1e6;
  }

  int errorCount() {
    return errors.values().stream().mapToInt(Integer::intValue).sum();
  }

  String describe() {
    return String.format(
        "%-5s c=%-3d ok=%-6d %8.1f/s  p50=%6.2fms p90=%6.2fms p99=%6.2fms max=%7.2fms errors=%s",
        label,
        concurrency,
        ok,
        rps(),
        percentileMs(50),
        percentileMs(90),
        percentileMs(99),
        percentileMs(100),
        errors);
  }
}
