package dev.hookflow.hub.inbound.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookflow.hub.inbound.dispatch.WorkflowDispatcher;
import dev.hookflow.hub.inbound.events.EventIndex;
import dev.hookflow.hub.inbound.events.EventRecord;
import dev.hookflow.hub.inbound.expression.RequestValues;
import dev.hookflow.hub.inbound.route.Delivery;
import dev.hookflow.hub.inbound.route.Route;
import dev.hookflow.hub.inbound.route.RouteTable;
import dev.hookflow.hub.inbound.route.WorkflowIdTemplate;
import dev.hookflow.hub.inbound.source.Source;
import dev.hookflow.hub.inbound.source.SourceRegistry;
import dev.hookflow.hub.inbound.verify.RawWebhook;
import dev.hookflow.hub.inbound.verify.Verification;
import dev.hookflow.hub.inbound.verify.VerifiedWebhook;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import dev.hookflow.workflows.event.WebhookEvent;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  public IntakeService(
      SourceRegistry sources,
      RouteTable routes,
      WorkflowDispatcher dispatcher,
      EventIndex index,
      ObjectMapper mapper,
      Clock clock) {
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
    VerifiedWebhook verified = Verification.verify(source.name(), source.verifier(), raw);
    JsonNode payload = BodyParser.parse(mapper, raw.contentType(), raw.body());

    if (source.scheme().equals("slack")
        && "url_verification".equals(payload.path("type").asText())) {
      return new Challenge(payload.path("challenge").asText());
    }

    RequestValues headerAndBody = new RequestValues(raw::header, payload, null);
    String eventId = source.eventId().evaluate(headerAndBody);
    if (eventId == null) {
      throw new ProblemException(
          ProblemCode.MISSING_EVENT_ID, "No event id at " + source.eventId() + " in this request");
    }
    try {
      String type = source.eventType().evaluate(headerAndBody);
      if (type == null) {
        throw new ProblemException(
            ProblemCode.MISSING_EVENT_TYPE,
            "No event type at " + source.eventType() + " in this request");
      }
      // Both go into search attributes (Temporal: 2 KB per value) and usually the workflow id.
      String badId = WorkflowIdTemplate.invalidReason(eventId);
      if (badId != null) {
        throw new ProblemException(ProblemCode.INVALID_EVENT_ID, "The event id " + badId);
      }
      String badType = WorkflowIdTemplate.invalidReason(type);
      if (badType != null) {
        throw new ProblemException(ProblemCode.INVALID_EVENT_TYPE, "The event type " + badType);
      }
      Map<String, String> fields =
          Map.of("source", source.name(), "eventId", eventId, "type", type);
      RequestValues values = new RequestValues(raw::header, payload, fields::get);

      Map<Route, String> plan = new LinkedHashMap<>();
      for (Route route : routes.match(source.name(), type, values)) {
        String workflowId = route.workflowId().render(values);
        if (workflowId == null) {
          throw new ProblemException(
              ProblemCode.ROUTE_TEMPLATE_UNRESOLVED,
              "Route " + route.name() + " needs " + route.workflowId() + ", absent in this event");
        }
        String invalid = WorkflowIdTemplate.invalidReason(workflowId);
        if (invalid != null) {
          // The id comes from the payload; it is not echoed back (it may be long or unprintable).
          throw new ProblemException(
              ProblemCode.INVALID_WORKFLOW_ID,
              "Route "
                  + route.name()
                  + " builds its workflow id from "
                  + route.workflowId()
                  + "; for this event it "
                  + invalid);
        }
        plan.put(route, workflowId);
      }

      Map<String, String> headers = SafeHeaders.of(raw.headers());
      String receivedAt = clock.instant().toString();
      List<Delivery> deliveries = new ArrayList<>(plan.size());
      for (Map.Entry<Route, String> step : plan.entrySet()) {
        Route route = step.getKey();
        WebhookEvent event =
            new WebhookEvent(
                verified.source(),
                eventId,
                type,
                receivedAt,
                route.name(),
                headers,
                payload,
                route.params());
        deliveries.add(dispatcher.dispatch(route, step.getValue(), event, raw.body().length));
      }
      // An ignored event (no route) is kept too, so GET /events finds it as ignored.
      index.record(new EventRecord(source.name(), eventId, type, deliveries));
      return new Routed(
          new IntakeResponse(
              eventId, source.name(), type, IntakeResponse.statusOf(deliveries), deliveries));
    } catch (ProblemException e) {
      throw e.aboutEvent(eventId);
    }
  }

  private static ProblemException tooLarge(Source source) {
    return new ProblemException(
        ProblemCode.PAYLOAD_TOO_LARGE,
        "Source '" + source.name() + "' accepts at most " + source.maxBodyBytes() + " bytes");
  }
}
