package dev.hookflow.hub.platform.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.temporal.opentracing.OpenTracingOptions;

/**
 * Tracing as the hub uses it: the OpenTelemetry API for its own spans, and the same tracer for
 * Temporal's tracing interceptors (which speak OpenTracing; the shim bridges them), so one trace
 * runs from the webhook through the workflow and its activities to the downstream call.
 *
 * @param enabled false for the no-op implementation: the Temporal interceptors are then left out
 */
public record Tracing(OpenTelemetry openTelemetry, boolean enabled, Runnable closer) {

  public Tracer tracer() {
    return openTelemetry.getTracer("dev.hookflow.hub");
  }

  /** Options for Temporal's {@code OpenTracingClientInterceptor} and worker interceptor. */
  public OpenTracingOptions temporalOptions() {
    return OpenTracingOptions.newBuilder()
        .setTracer(OpenTracingShim.createTracerShim(openTelemetry))
        .build();
  }

  public void close() {
    closer.run();
  }
}
