package dev.hookflow.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * One measurement of one concurrency: both sides' throughput and p99, and CPU per event.
 *
 * @param hubCpuMs intake's CPU milliseconds per webhook (hub process during the hub rounds minus
 *     the same process during the raw rounds, per event)
 * @param rawCpuMs the raw client's CPU milliseconds per start
 */
record Sample(
    double hubRps,
    double rawRps,
    double hubP99Ms,
    double rawP99Ms,
    double hubCpuMs,
    double rawCpuMs,
    int errors) {

  /** Goals: intake CPU per webhook within 1.1x a start's, throughput 0.9x, p99 within 2x. */
  static final double CPU_GOAL = 1.1;

  static final double THROUGHPUT_GOAL = 0.9;
  static final double P99_GOAL = 2.0;

  double ratio() {
    return hubRps / rawRps;
  }

  double cpuRatio() {
    return hubCpuMs / rawCpuMs;
  }

  double p99Ratio() {
    return hubP99Ms / rawP99Ms;
  }

  static <T> double median(List<T> samples, ToDoubleFunction<T> figure) {
    double[] values = samples.stream().mapToDouble(figure).sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  /** {@code median[min..max]} of a figure, or the value alone for one sample. */
  static <T> String spread(List<T> samples, ToDoubleFunction<T> figure, String format) {
    double[] values = samples.stream().mapToDouble(figure).toArray();
    String median = String.format(Locale.ROOT, format, median(samples, figure));
    if (values.length == 1) {
      return median;
    }
    return median
        + "["
        + String.format(Locale.ROOT, format, Arrays.stream(values).min().orElseThrow())
        + ".."
        + String.format(Locale.ROOT, format, Arrays.stream(values).max().orElseThrow())
        + "]";
  }

  static String result(String scenario, int concurrency, List<Sample> samples) {
    return String.format(
        Locale.ROOT,
        "RESULT scenario=%s concurrency=%d repeats=%d hub_rps=%s raw_rps=%s ratio=%s"
            + " hub_p99_ms=%s raw_p99_ms=%s hub_cpu_ms=%s raw_cpu_ms=%s cpu_ratio=%s errors=%d",
        scenario,
        concurrency,
        samples.size(),
        spread(samples, Sample::hubRps, "%.1f"),
        spread(samples, Sample::rawRps, "%.1f"),
        spread(samples, Sample::ratio, "%.2f"),
        spread(samples, Sample::hubP99Ms, "%.1f"),
        spread(samples, Sample::rawP99Ms, "%.1f"),
        spread(samples, Sample::hubCpuMs, "%.2f"),
        spread(samples, Sample::rawCpuMs, "%.2f"),
        spread(samples, Sample::cpuRatio, "%.2f"),
        samples.stream().mapToInt(Sample::errors).sum());
  }

  /** PASS or FAIL on the medians, each goal shown with its figure. */
  static String verdict(String scenario, int concurrency, List<Sample> samples) {
    double cpu = median(samples, Sample::cpuRatio);
    double throughput = median(samples, Sample::ratio);
    double p99 = median(samples, Sample::p99Ratio);
    int errors = samples.stream().mapToInt(Sample::errors).sum();
    boolean pass =
        cpu <= CPU_GOAL && throughput >= THROUGHPUT_GOAL && p99 <= P99_GOAL && errors == 0;
    return String.format(
        Locale.ROOT,
        "VERDICT scenario=%s concurrency=%d cpu_ratio=%.2f(<=%.1f %s) ratio=%.2f(>=%.1f %s)"
            + " p99_ratio=%.2f(<=%.1f %s) errors=%d %s",
        scenario,
        concurrency,
        cpu,
        CPU_GOAL,
        cpu <= CPU_GOAL ? "ok" : "miss",
        throughput,
        THROUGHPUT_GOAL,
        throughput >= THROUGHPUT_GOAL ? "ok" : "miss",
        p99,
        P99_GOAL,
        p99 <= P99_GOAL ? "ok" : "miss",
        errors,
        pass ? "PASS" : "FAIL");
  }
}
