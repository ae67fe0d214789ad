package dev.hookflow.hub.inbound.intake;

import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.RefusalListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Intake's metrics. Labels take bounded values only: {@code source} is a served source's name (or
 * {@code unknown}), {@code outcome} one of accepted, duplicate, ignored, rejected, {@code code} a
 * problem code or {@code none}. No label carries an event id or type.
 *
 * <ul>
 *   <li>{@code hookflow_webhooks_total{source,outcome,code}}: every webhook answered
 *   <li>{@code hookflow_webhook_duration_seconds{source}}: receive to answer (histogram)
 *   <li>{@code hookflow_webhook_payload_bytes{source}}: body sizes of accepted webhooks
 * </ul>
 */
@Singleton
public class IntakeMetrics implements RefusalListener {
  static final String UNKNOWN = "unknown";

  private final MeterRegistry registry;

  /**
   * @param registry null when metrics are off ({@code micronaut.metrics.enabled=false}): meters
   *     then go to Micrometer's empty global registry and are dropped
   */
  public IntakeMetrics(@io.micronaut.core.annotation.Nullable MeterRegistry registry) {
    this.registry =
        registry != null ? registry : io.micrometer.core.instrument.Metrics.globalRegistry;
  }

  /** A webhook answered 2xx. */
  void answered(String source, IntakeResponse response, int bodyBytes, long startNanos) {
    count(source, response.status().wire(), "none");
    DistributionSummary.builder("hookflow.webhook.payload")
        .baseUnit("bytes")
        .description("Body size of webhooks answered 2xx")
        .tag("source", source)
        .register(registry)
        .record(bodyBytes);
    time(source, startNanos);
  }

  /** A webhook refused with a problem. */
  void refused(String source, boolean served, ProblemCode code, long startNanos) {
    String label = served ? source : UNKNOWN;
    count(label, "rejected", code.code());
    time(label, startNanos);
  }

  @Override
  public void refusedByServer(HttpRequest<?> request, ProblemCode code) {
    if (WebhookController.sourceOfPath(request.getPath()) != null) {
      count(UNKNOWN, "rejected", code.code());
    }
  }

  private void count(String source, String outcome, String code) {
    Counter.builder("hookflow.webhooks")
        .description("Webhooks answered, by source, outcome and problem code")
        .tags("source", source, "outcome", outcome, "code", code)
        .register(registry)
        .increment();
  }

  private void time(String source, long startNanos) {
    Timer.builder("hookflow.webhook.duration")
        .description("Receive to answer")
        .publishPercentileHistogram()
        .maximumExpectedValue(Duration.ofSeconds(30))
        .tag("source", source)
        .register(registry)
        .record(Duration.ofNanos(System.nanoTime() - startNanos));
  }
}
