package dev.hookflow.hub.inbound.route;

import dev.hookflow.hub.inbound.event.ParsedEvent;
import dev.hookflow.hub.inbound.expression.RequestValues;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import dev.hookflow.hub.platform.temporal.TemporalIds;
import dev.hookflow.workflows.eventlog.EventLogWorkflow;
import dev.hookflow.workflows.relay.RelayWorkflow;
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
      new Route(
          "fallback",
          "*",
          List.of(Glob.of("*")),
          List.of(),
          Route.Action.START,
          EventLogWorkflow.TYPE,
          null,
          WorkflowIdTemplate.parse("{source}-{type}-{eventId}"),
          null,
          Map.of(),
          List.of(),
          Route.IfNotRunning.REJECT,
          Route.IfExists.RECORD);

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
   * Builds routes from their YAML form (a list of maps, keys in kebab-case).
   *
   * @throws IllegalArgumentException naming the route and the setting that is wrong
   */
  public static List<Route> parse(List<Map<String, Object>> specs) {
    List<Route> out = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      Map<String, Object> spec = specs.get(i);
      String label = "hookflow.routes[" + i + "]";
      try {
        out.add(parseOne(spec, i));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** The settings a route has; any other key is a typo that would otherwise do nothing. */
  static final java.util.Set<String> ROUTE_KEYS =
      java.util.Set.of(
          "name",
          "source",
          "events",
          "when",
          "start",
          "signal",
          "signal-with-start",
          "workflow-id",
          "task-queue",
          "params",
          "relay",
          "if-not-running",
          "if-exists");

  static final java.util.Set<String> RELAY_KEYS =
      java.util.Set.of("name", "url", "secret", "policy", "headers");

  /** Refuses a key outside {@code known} (kebab-case or camelCase), naming the known ones. */
  private static void knownKeys(
      Map<String, Object> spec, java.util.Set<String> known, String what) {
    for (String key : spec.keySet()) {
      if (!known.contains(kebab(key))) {
        throw new IllegalArgumentException(
            "unknown setting '"
                + key
                + "' in a "
                + what
                + "; known: "
                + new java.util.TreeSet<>(known));
      }
    }
  }

  private static String kebab(String key) {
    StringBuilder out = new StringBuilder();
    for (char c : key.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('-').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static Route parseOne(Map<String, Object> spec, int index) {
    knownKeys(spec, ROUTE_KEYS, "route");
    String source = text(spec, "source");
    if (source == null) {
      throw new IllegalArgumentException("'source' is required (a source name or *)");
    }
    List<Glob> events = strings(spec, "events").stream().map(Glob::of).toList();
    if (events.isEmpty()) {
      events = List.of(Glob.of("*"));
    }
    List<Condition> conditions = strings(spec, "when").stream().map(Condition::parse).toList();
    String start = text(spec, "start");
    List<RelaySpec> relay = relaySpecs(spec);
    if (!relay.isEmpty()) {
      if (start != null
          || text(spec, "signal") != null
          || text(spec, "signal-with-start") != null) {
        throw new IllegalArgumentException(
            "a relay route has no start, signal or signal-with-start");
      }
      if (text(spec, "name") == null) {
        throw new IllegalArgumentException(
            "a relay route needs a 'name': its destinations are found by it while retrying");
      }
      start = RelayWorkflow.TYPE;
    }
    String signalWithStart = text(spec, "signal-with-start");
    String signal = text(spec, "signal");
    Route.Action action;
    String type;
    if (start != null && signalWithStart == null && signal == null) {
      action = Route.Action.START;
      type = start;
    } else if (signalWithStart != null && start == null) {
      action = Route.Action.SIGNAL_WITH_START;
      type = signalWithStart;
      signal = signal == null ? "event" : signal;
    } else if (signal != null && start == null) {
      action = Route.Action.SIGNAL;
      type = null;
    } else {
      throw new IllegalArgumentException(
          "give exactly one action: 'start: <type>', 'signal: <name>' or"
              + " 'signal-with-start: <type>' (with optional 'signal')");
    }
    String template = text(spec, "workflow-id");
    if (template == null) {
      if (action != Route.Action.START) {
        throw new IllegalArgumentException("'workflow-id' is required to signal a workflow");
      }
      template = relay.isEmpty() ? "{source}-{type}-{eventId}" : "relay-{source}-{eventId}";
    }
    String name = text(spec, "name");
    if (name == null) {
      name = source + "#" + index;
    }
    if (!relay.isEmpty() && !spec.containsKey("workflow-id") && !spec.containsKey("workflowId")) {
      template = "relay-" + name + "-{source}-{eventId}";
    }
    return new Route(
        name,
        source,
        events,
        conditions,
        action,
        type,
        signal,
        WorkflowIdTemplate.parse(template),
        text(spec, "task-queue"),
        stringMap(spec.get("params"), "params"),
        relay,
        ifNotRunning(spec, action),
        ifExists(spec, action));
  }

  private static Route.IfExists ifExists(Map<String, Object> spec, Route.Action action) {
    String value = text(spec, "if-exists");
    if (value == null) {
      return Route.IfExists.RECORD;
    }
    if (action != Route.Action.START) {
      throw new IllegalArgumentException(
          "'if-exists' belongs to 'start' routes (a signal or signal-with-start delivers to the"
              + " run that holds the id)");
    }
    String lower = value.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("record")) {
      return Route.IfExists.RECORD;
    }
    if (lower.equals("reject")) {
      return Route.IfExists.REJECT;
    }
    if (lower.startsWith("signal:") && !value.substring(7).isBlank()) {
      return new Route.IfExists(Route.IfExists.Mode.SIGNAL, value.substring(7).strip());
    }
    throw new IllegalArgumentException(
        "'if-exists' is record (kept in an EventLog workflow, 202), reject (409, the sender"
            + " retries) or signal:<name> (delivered to the running workflow), not '"
            + value
            + "'");
  }

  private static Route.IfNotRunning ifNotRunning(Map<String, Object> spec, Route.Action action) {
    String value = text(spec, "if-not-running");
    if (value == null) {
      return Route.IfNotRunning.REJECT;
    }
    if (action != Route.Action.SIGNAL) {
      throw new IllegalArgumentException(
          "'if-not-running' belongs to 'signal' routes (a start or signal-with-start always"
              + " has a workflow)");
    }
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "reject" -> Route.IfNotRunning.REJECT;
      case "record" -> Route.IfNotRunning.RECORD;
      default ->
          throw new IllegalArgumentException(
              "'if-not-running' is reject (409, the sender retries) or record (kept in an"
                  + " EventLog workflow), not '"
                  + value
                  + "'");
    };
  }

  private static List<RelaySpec> relaySpecs(Map<String, Object> spec) {
    Object value = spec.get("relay");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof Iterable<?> items)) {
      throw new IllegalArgumentException("'relay' is a list of destinations");
    }
    List<RelaySpec> out = new ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    int i = 0;
    for (Object item : items) {
      String label = "relay[" + i++ + "]";
      if (!(item instanceof Map<?, ?> raw)) {
        throw new IllegalArgumentException(label + " needs name, url and secret");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> destination = (Map<String, Object>) raw;
      try {
        knownKeys(destination, RELAY_KEYS, "relay destination");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(label + ": " + e.getMessage());
      }
      String name = text(destination, "name");
      String url = text(destination, "url");
      String secret = text(destination, "secret");
      if (name == null || url == null) {
        throw new IllegalArgumentException(label + " needs 'name' and 'url'");
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException(label + ": destination name '" + name + "' repeats");
      }
      if (secret == null) {
        throw new IllegalArgumentException(
            label + " (" + name + ") needs a 'secret' (whsec_...) to sign what it sends");
      }
      java.net.URI uri;
      try {
        uri = java.net.URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(label + " (" + name + "): url is not a URL");
      }
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            label + " (" + name + "): url must be http(s)://host...");
      }
      String policy = text(destination, "policy");
      out.add(
          new RelaySpec(
              name,
              uri,
              secret,
              policy == null ? "relay" : policy,
              stringMap(destination.get("headers"), label + ".headers")));
    }
    return out;
  }

  private static Map<String, String> stringMap(Object value, String label) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> raw)) {
      throw new IllegalArgumentException("'" + label + "' is a map of names to values");
    }
    Map<String, String> out = new java.util.LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(k.toString(), v == null ? "" : v.toString()));
    return out;
  }

  private static String text(Map<String, Object> spec, String key) {
    Object value = spec.get(key);
    if (value == null) {
      value = spec.get(camel(key));
    }
    if (value == null) {
      return null;
    }
    String s = value.toString().trim();
    return s.isEmpty() ? null : s;
  }

  private static List<String> strings(Map<String, Object> spec, String key) {
    Object value = spec.get(key);
    if (value == null) {
      return List.of();
    }
    if (value instanceof Iterable<?> items) {
      List<String> out = new ArrayList<>();
      items.forEach(item -> out.add(item.toString().trim()));
      return out;
    }
    return List.of(value.toString().trim());
  }

  private static String camel(String kebab) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : kebab.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }
}
