package dev.hookflow.hub.platform.tracing;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's OpenTelemetry: spans exported over OTLP (gRPC) when {@code OTEL_EXPORTER_OTLP_ENDPOINT}
 * is set, or to any {@link SpanExporter} bean (tests); otherwise the no-op implementation, which
 * records nothing and costs nothing. W3C {@code traceparent} propagation either way.
 */
@Factory
public class TracingFactory {
  private static final Logger LOG = LoggerFactory.getLogger(TracingFactory.class);

  @Singleton
  @Bean(preDestroy = "close")
  Tracing tracing(
      @Nullable @Value("${otel.exporter.otlp.endpoint:}") String endpoint,
      List<SpanExporter> exporters) {
    // application.yml maps OTEL_EXPORTER_OTLP_ENDPOINT onto this property.
    String target = endpoint == null ? "" : endpoint.strip();
    if (target.isBlank() && exporters.isEmpty()) {
      return new Tracing(OpenTelemetry.noop(), false, () -> {});
    }
    var provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(
                                io.opentelemetry.api.common.AttributeKey.stringKey("service.name"),
                                "hookflow"))));
    if (!target.isBlank()) {
      provider.addSpanProcessor(
          BatchSpanProcessor.builder(OtlpGrpcSpanExporter.builder().setEndpoint(target).build())
              .build());
      LOG.info("Tracing: spans exported over OTLP to {}", target);
    }
    exporters.forEach(exporter -> provider.addSpanProcessor(SimpleSpanProcessor.create(exporter)));
    SdkTracerProvider tracers = provider.build();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(tracers)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    return new Tracing(sdk, true, tracers::close);
  }
}
