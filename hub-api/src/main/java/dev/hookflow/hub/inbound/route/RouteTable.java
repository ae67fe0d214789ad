package dev.hookflow.hub.inbound.route;

import dev.hookflow.hub.inbound.event.ParsedEvent;
import dev.hookflow.hub.inbound.expression.RequestValues;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import dev.hookflow.hub.platform.temporal.TemporalIds;
import dev.hookflow.workflows.eventlog.EventLogWorkflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The routes, in configuration order. Every matching route gives one delivery (fan-out). When no
 * route matches and the fallback is on, the fallback route (start {@code EventLog}) takes the
 * event.
 */
public final class RouteTable {

  /** The demo route: any event nobody else takes starts {@link EventLogWorkflow}. */
  public static final Route FALLBACK =
      RouteBuilder.build(
          new RouteSpec(
              "fallback",
              "*",
              List.of("*"),
              null,
              EventLogWorkflow.TYPE,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null),
          0);

  private final List<Route> routes;
  private final boolean fallback;

  public RouteTable(List<Route> routes, boolean fallback) {
    this.routes = List.copyOf(routes);
    this.fallback = fallback;
  }

  public List<Route> routes() {
    return routes;
  }

  public boolean fallback() {
    return fallback;
  }

  /**
   * Plans an event: every matching route with the workflow id it renders.
   *
   * @throws ProblemException {@code route_template_unresolved} when a route's id needs a value the
   *     event lacks, {@code invalid_workflow_id} when the id is one Temporal refuses
   */
  public RoutePlan plan(ParsedEvent event) {
    List<RoutePlan.Step> steps = new ArrayList<>();
    for (Route route : match(event.source(), event.type(), event.values())) {
      if (route.action() == Route.Action.PUBLISH) {
        steps.add(new RoutePlan.Step(route, null, message(route, event)));
        continue;
      }
      String workflowId = route.workflowId().render(event.values());
      if (workflowId == null) {
        throw new ProblemException(
            ProblemCode.ROUTE_TEMPLATE_UNRESOLVED,
            "Route " + route.name() + " needs " + route.workflowId() + ", absent in this event");
      }
      String invalid = TemporalIds.invalidReason(workflowId);
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
      steps.add(new RoutePlan.Step(route, workflowId));
    }
    return new RoutePlan(steps);
  }

  /**
   * A publish route's message for the event; {@code route_template_unresolved} when the event lacks
   * a value the route needs, or the payload it selects is not a JSON object.
   */
  private RoutePlan.Message message(Route route, ParsedEvent event) {
    PublishSpec publish = route.publish();
    String eventType = rendered(route, "event-type", publish.eventType(), event);
    String eventId = rendered(route, "event-id", publish.eventId(), event);
    com.fasterxml.jackson.databind.JsonNode payload = publish.select(event.payload());
    if (payload == null || !payload.isObject()) {
      throw new ProblemException(
          ProblemCode.ROUTE_TEMPLATE_UNRESOLVED,
          "Route "
              + route.name()
              + " publishes "
              + (publish.payload().isEmpty() ? "the payload" : publish.payload())
              + ", which is not a JSON object in this event");
    }
    return new RoutePlan.Message(eventType, eventId, payload.toString());
  }

  private static String rendered(
      Route route, String what, WorkflowIdTemplate template, ParsedEvent event) {
    String value = template.render(event.values());
    if (value == null) {
      throw new ProblemException(
          ProblemCode.ROUTE_TEMPLATE_UNRESOLVED,
          "Route " + route.name() + " needs " + template + " (" + what + "), absent in this event");
    }
    if (value.isEmpty()
        || value.length() > PublishSpec.MAX_NAME
        || value.chars().anyMatch(Character::isISOControl)) {
      throw new ProblemException(
          ProblemCode.ROUTE_TEMPLATE_UNRESOLVED,
          "Route "
              + route.name()
              + " builds its "
              + what
              + " from "
              + template
              + "; for this event it is empty, longer than "
              + PublishSpec.MAX_NAME
              + " characters or holds control characters");
    }
    return value;
  }

  public List<Route> match(String source, String type, RequestValues values) {
    List<Route> matched = new ArrayList<>();
    for (Route route : routes) {
      if (route.matches(source, type, values)) {
        matched.add(route);
      }
    }
    if (matched.isEmpty() && fallback) {
      matched.add(FALLBACK);
    }
    return matched;
  }

  /**
   * Builds routes from their YAML form (a list of maps, keys in kebab-case); see {@link
   * RouteBuilder}.
   *
   * @throws IllegalArgumentException naming the route and the setting that is wrong
   */
  public static List<Route> parse(List<Map<String, Object>> specs) {
    return RouteBuilder.build(specs);
  }
}
