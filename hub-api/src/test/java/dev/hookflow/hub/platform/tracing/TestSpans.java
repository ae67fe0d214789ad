package dev.hookflow.hub.platform.tracing;

import io.micronaut.context.annotation.Requires;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.inject.Singleton;
import java.util.Collection;

/** Collects the hub's spans in memory, in a hub started with {@code test.traces=true}. */
@Singleton
@Requires(property = "test.traces", value = "true")
public class TestSpans implements SpanExporter {
  public static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    return SPANS.export(spans);
  }

  @Override
  public CompletableResultCode flush() {
    return SPANS.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
