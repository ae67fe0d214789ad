package dev.hookflow.hub.inbound.intake;

import dev.hookflow.hub.inbound.source.Source;
import dev.hookflow.hub.inbound.verify.RawWebhook;
import dev.hookflow.hub.platform.error.ProblemException;
import dev.hookflow.hub.platform.tracing.Tracing;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code POST /webhooks/{source}}: the public intake endpoint. */
@Controller("/webhooks")
public class WebhookController {
  static final String PATH = "/webhooks/";

  private final IntakeService intake;
  private final RefusalLog refusals;
  private final IntakeMetrics metrics;
  private final Tracing tracing;

  public WebhookController(
      IntakeService intake, RefusalLog refusals, IntakeMetrics metrics, Tracing tracing) {
    this.intake = intake;
    this.refusals = refusals;
    this.metrics = metrics;
    this.tracing = tracing;
  }

  private static final TextMapGetter<HttpRequest<?>> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpRequest<?> request) {
          return request.getHeaders().names();
        }

        @Override
        public String get(HttpRequest<?> request, String key) {
          return request == null ? null : request.getHeaders().get(key);
        }
      };

  /** Temporal calls block, so this runs off the event loop. */
  @Post(uri = "/{source}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<?> receive(
      @PathVariable String source, HttpRequest<?> request, @Nullable @Body byte[] body) {
    long start = System.nanoTime();
    byte[] bytes = body == null ? new byte[0] : body;
    // Log lines of this request carry the source (and the event id once read): see logback.xml.
    org.slf4j.MDC.put("source", source.length() > 64 ? source.substring(0, 64) : source);
    // A sender's W3C traceparent is continued; otherwise this span starts the trace.
    Context parent =
        tracing
            .openTelemetry()
            .getPropagators()
            .getTextMapPropagator()
            .extract(Context.root(), request, HEADERS);
    Span span =
        tracing
            .tracer()
            .spanBuilder("POST /webhooks/{source}")
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("hookflow.source", source)
            .startSpan();
    if (span.getSpanContext().isValid()) {
      org.slf4j.MDC.put("traceId", span.getSpanContext().getTraceId());
    }
    try (Scope ignored = span.makeCurrent()) {
      HttpResponse<?> answer = take(source, request, bytes);
      if (answer.body() instanceof IntakeResponse response) {
        metrics.answered(source, response, bytes.length, start);
      }
      return answer;
    } catch (ProblemException e) {
      boolean served = intake.serves(source);
      refusals.refused(source, served, e.code(), clientAddress(request), e.eventId());
      metrics.refused(source, served, e.code(), start);
      span.setAttribute("hookflow.problem", e.code().code());
      span.setStatus(StatusCode.ERROR, e.code().code());
      throw e;
    } finally {
      String eventId = org.slf4j.MDC.get("eventId");
      if (eventId != null) {
        span.setAttribute("hookflow.event_id", eventId);
      }
      span.end();
      org.slf4j.MDC.remove("source");
      org.slf4j.MDC.remove("eventId");
      org.slf4j.MDC.remove("traceId");
    }
  }

  /**
   * The source named by a {@code /webhooks/<source>} path, for requests the framework refused
   * before this controller ran; null for other paths.
   */
  static String sourceOfPath(String path) {
    return path.startsWith(PATH) ? path.substring(PATH.length()).replaceAll("/.*", "") : null;
  }

  /** The peer's address (the load balancer's, behind one). */
  public static String clientAddress(HttpRequest<?> request) {
    var address = request.getRemoteAddress();
    return address.getAddress() == null
        ? address.getHostString()
        : address.getAddress().getHostAddress();
  }

  private HttpResponse<?> take(String source, HttpRequest<?> request, byte[] body) {
    Source admitted = intake.admit(source, request.getContentLength());
    RawWebhook raw =
        new RawWebhook(
            request.getPath(),
            query(request),
            headers(request),
            request.getContentType().map(WebhookController::mediaType).orElse(null),
            body);
    IntakeService.Outcome outcome = intake.receive(admitted, raw);
    if (outcome instanceof IntakeService.Challenge challenge) {
      return HttpResponse.ok(Map.of("challenge", challenge.challenge()));
    }
    return HttpResponse.accepted().body(((IntakeService.Routed) outcome).response());
  }

  private static String query(HttpRequest<?> request) {
    String uri = request.getUri().getRawQuery();
    return uri == null || uri.isEmpty() ? null : uri;
  }

  private static Map<String, List<String>> headers(HttpRequest<?> request) {
    Map<String, List<String>> out = new HashMap<>();
    for (String name : request.getHeaders().names()) {
      out.put(name.toLowerCase(Locale.ROOT), request.getHeaders().getAll(name));
    }
    return out;
  }

  private static String mediaType(MediaType type) {
    return (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
  }
}
