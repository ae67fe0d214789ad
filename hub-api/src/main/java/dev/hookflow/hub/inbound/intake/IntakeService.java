package dev.hookflow.hub.inbound.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookflow.hub.inbound.dispatch.Delivery;
import dev.hookflow.hub.inbound.dispatch.WorkflowDispatcher;
import dev.hookflow.hub.inbound.event.ParsedEvent;
import dev.hookflow.hub.inbound.events.EventIndex;
import dev.hookflow.hub.inbound.events.EventRecord;
import dev.hookflow.hub.inbound.route.RoutePlan;
import dev.hookflow.hub.inbound.route.RouteTable;
import dev.hookflow.hub.inbound.source.Source;
import dev.hookflow.hub.inbound.source.SourceRegistry;
import dev.hookflow.hub.inbound.verify.RawWebhook;
import dev.hookflow.hub.inbound.verify.Verification;
import dev.hookflow.hub.inbound.verify.VerifiedWebhook;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The intake path of one request: source, limits, signature, body, event id and type, routes, one
 * Temporal call per matching route. Nothing is acknowledged unless Temporal accepted every
 * delivery.
 */
@Singleton
public class IntakeService {

  /** What intake answers: the deliveries, or (Slack URL verification) a challenge to echo. */
  public sealed interface Outcome {}

  public record Routed(IntakeResponse response) implements Outcome {}

  public record Challenge(String challenge) implements Outcome {}

  private final SourceRegistry sources;
  private final RouteTable routes;
  private final WorkflowDispatcher dispatcher;
  private final EventIndex index;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final dev.hookflow.hub.platform.tracing.Tracing tracing;

  public IntakeService(
      SourceRegistry sources,
      RouteTable routes,
      WorkflowDispatcher dispatcher,
      EventIndex index,
      ObjectMapper mapper,
      Clock clock,
      dev.hookflow.hub.platform.tracing.Tracing tracing) {
    this.tracing = tracing;
    this.sources = sources;
    this.routes = routes;
    this.dispatcher = dispatcher;
    this.index = index;
    this.mapper = mapper;
    this.clock = clock;
  }

  /** Whether a source of this name is served (for grouping refusals in the log). */
  public boolean serves(String sourceName) {
    return sources.find(sourceName).isPresent();
  }

  /** Checks that need no body: known source and size. Lets the caller refuse before reading. */
  public Source admit(String sourceName, long contentLength) {
    Source source =
        sources
            .find(sourceName)
            .orElseThrow(
                () -> {
                  String reason = sources.offReason(sourceName);
                  return new ProblemException(
                      ProblemCode.UNKNOWN_SOURCE,
                      reason == null
                          ? "No source named '" + sourceName + "'"
                          : "Source '" + sourceName + "' is off: " + reason);
                });
    if (contentLength > source.maxBodyBytes()) {
      throw tooLarge(source);
    }
    return source;
  }

  public Outcome receive(Source source, RawWebhook raw) {
    if (raw.body().length > source.maxBodyBytes()) {
      throw tooLarge(source);
    }
    if (!raw.isForm() && !BodyParser.isJson(raw.contentType())) {
      throw new ProblemException(
          ProblemCode.UNSUPPORTED_MEDIA_TYPE,
          "Send application/json or application/x-www-form-urlencoded");
    }
    // One way: verified request -> parsed event -> route plan -> dispatch.
    VerifiedWebhook verified =
        traced("verify", () -> Verification.verify(source.name(), source.verifier(), raw));
    JsonNode payload = BodyParser.parse(mapper, verified);
    if (source.scheme().equals("slack")
        && "url_verification".equals(payload.path("type").asText())) {
      return new Challenge(payload.path("challenge").asText());
    }
    ParsedEvent event = EventParser.parse(source, verified, payload, clock.instant());
    org.slf4j.MDC.put("eventId", event.eventId());
    try {
      RoutePlan plan = traced("route", () -> routes.plan(event));
      List<Delivery> deliveries = new ArrayList<>(plan.steps().size());
      for (RoutePlan.Step step : plan.steps()) {
        deliveries.add(
            traced("dispatch " + step.route().name(), () -> dispatcher.dispatch(step, event)));
      }
      // An ignored event (no route) is kept too, so GET /events finds it as ignored.
      index.record(new EventRecord(event.source(), event.eventId(), event.type(), deliveries));
      return new Routed(
          new IntakeResponse(
              event.eventId(),
              event.source(),
              event.type(),
              IntakeResponse.statusOf(deliveries),
              deliveries));
    } catch (ProblemException e) {
      throw e.aboutEvent(event.eventId());
    }
  }

  /** A child span of the request's for one intake stage. */
  private <T> T traced(String stage, java.util.function.Supplier<T> work) {
    io.opentelemetry.api.trace.Span span = tracing.tracer().spanBuilder(stage).startSpan();
    try (io.opentelemetry.context.Scope ignored = span.makeCurrent()) {
      return work.get();
    } catch (RuntimeException e) {
      span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      span.end();
    }
  }

  private static ProblemException tooLarge(Source source) {
    return new ProblemException(
        ProblemCode.PAYLOAD_TOO_LARGE,
        "Source '" + source.name() + "' accepts at most " + source.maxBodyBytes() + " bytes");
  }
}
