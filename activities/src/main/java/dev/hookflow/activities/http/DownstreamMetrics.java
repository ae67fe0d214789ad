package dev.hookflow.activities.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/**
 * Metrics of downstream calls, one attempt each. Labels are bounded by configuration: {@code
 * downstream} is a configured downstream or relay destination name, {@code status_class} one of
 * 2xx, 3xx, 4xx, 5xx or none (no answer).
 *
 * <ul>
 *   <li>{@code hookflow_downstream_requests_total{downstream,status_class}}
 *   <li>{@code hookflow_downstream_duration_seconds{downstream}} (histogram)
 *   <li>{@code hookflow_downstream_retries_total{downstream}}: attempts after the first
 *   <li>{@code hookflow_downstream_failures_total{downstream,type}}: failures Temporal will not
 *       retry ({@code DownstreamRejected})
 * </ul>
 */
public final class DownstreamMetrics {
  private final MeterRegistry registry;

  public DownstreamMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Metrics kept nowhere (tests and tools that build the HTTP layer without a registry). */
  public static DownstreamMetrics none() {
    return new DownstreamMetrics(new SimpleMeterRegistry());
  }

  /** One attempt to {@code downstream}: its answer's status (0: none), duration and number. */
  public void attempt(String downstream, int status, Duration took, int attempt) {
    Counter.builder("hookflow.downstream.requests")
        .description("Downstream call attempts by status class")
        .tags("downstream", downstream, "status_class", statusClass(status))
        .register(registry)
        .increment();
    Timer.builder("hookflow.downstream.duration")
        .description("One downstream call attempt, request to answer")
        .publishPercentileHistogram()
        .maximumExpectedValue(Duration.ofSeconds(60))
        .tag("downstream", downstream)
        .register(registry)
        .record(took);
    if (attempt > 1) {
      Counter.builder("hookflow.downstream.retries")
          .description("Downstream call attempts after the first")
          .tag("downstream", downstream)
          .register(registry)
          .increment();
    }
  }

  void nonRetryable(String downstream, String type) {
    Counter.builder("hookflow.downstream.failures")
        .description("Downstream failures Temporal does not retry")
        .tags("downstream", downstream, "type", type)
        .register(registry)
        .increment();
  }

  /** {@code 2xx} ... {@code 5xx}, or {@code none} when no answer came. */
  static String statusClass(int status) {
    return status <= 0 ? "none" : (status / 100) + "xx";
  }
}
