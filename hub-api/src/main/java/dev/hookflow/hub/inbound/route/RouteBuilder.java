package dev.hookflow.hub.inbound.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.hookflow.workflows.relay.RelayWorkflow;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Makes routes from their configuration: binds each entry to a {@link RouteSpec} and checks the
 * combination (one action, relay destinations, options that belong to the action).
 *
 * @throws IllegalArgumentException naming the route ({@code hookflow.routes[i]}) and the field
 */
public final class RouteBuilder {
  private static final ObjectMapper BINDER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

  private RouteBuilder() {}

  /** Routes from their YAML form (a list of maps), in order. */
  public static List<Route> build(List<Map<String, Object>> entries) {
    List<Route> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      try {
        out.add(build(bind(entries.get(i)), i));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("hookflow.routes[" + i + "]: " + e.getMessage(), e);
      }
    }
    return out;
  }

  static RouteSpec bind(Map<String, Object> entry) {
    try {
      return BINDER.readValue(BINDER.writeValueAsBytes(entry), RouteSpec.class);
    } catch (UnrecognizedPropertyException e) {
      String where = path(e);
      Set<String> known =
          e.getKnownPropertyIds().stream()
              .map(Object::toString)
              .filter(k -> !k.chars().anyMatch(Character::isUpperCase))
              .collect(Collectors.toCollection(TreeSet::new));
      throw new IllegalArgumentException(
          (where.isEmpty() ? "" : where + ": ")
              + "unknown setting '"
              + e.getPropertyName()
              + "' in a "
              + (where.isEmpty()
                  ? "route"
                  : where.startsWith("publish") ? "publish action" : "relay destination")
              + "; known: "
              + known);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(
          "'" + path(e) + "' has a value of the wrong shape (" + e.getOriginalMessage() + ")");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot be read as a route");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The setting's path inside the route, for example {@code relay[0]}. */
  private static String path(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    List<JsonMappingException.Reference> references = e.getPath();
    for (int i = 0;
        i < references.size() - (e instanceof UnrecognizedPropertyException ? 1 : 0);
        i++) {
      JsonMappingException.Reference ref = references.get(i);
      if (ref.getFieldName() != null) {
        out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  static Route build(RouteSpec spec, int index) {
    if (spec.source() == null) {
      throw new IllegalArgumentException("'source' is required (a source name or *)");
    }
    List<Glob> events = spec.events().stream().map(Glob::of).toList();
    if (events.isEmpty()) {
      events = List.of(Glob.of("*"));
    }
    List<Condition> conditions = spec.when().stream().map(Condition::parse).toList();
    String start = spec.start();
    List<RelaySpec> relay = relay(spec.relay());
    if (!relay.isEmpty()) {
      if (start != null || spec.signal() != null || spec.signalWithStart() != null) {
        throw new IllegalArgumentException(
            "a relay route has no start, signal or signal-with-start");
      }
      if (spec.name() == null) {
        throw new IllegalArgumentException(
            "a relay route needs a 'name': its destinations are found by it while retrying");
      }
      start = RelayWorkflow.TYPE;
    }
    String signal = spec.signal();
    Route.Action action;
    String type;
    PublishSpec publish = null;
    if (spec.publish() != null) {
      if (start != null || signal != null || spec.signalWithStart() != null) {
        throw new IllegalArgumentException(
            "a publish route has no start, signal, signal-with-start or relay");
      }
      if (spec.workflowId() != null || spec.taskQueue() != null) {
        throw new IllegalArgumentException(
            "'workflow-id' and 'task-queue' do not belong to a publish route (its dispatch"
                + " workflow is named after the message)");
      }
      action = Route.Action.PUBLISH;
      type = null;
      publish = publish(spec.publish());
    } else if (start != null && spec.signalWithStart() == null && signal == null) {
      action = Route.Action.START;
      type = start;
    } else if (spec.signalWithStart() != null && start == null) {
      action = Route.Action.SIGNAL_WITH_START;
      type = spec.signalWithStart();
      signal = signal == null ? "event" : signal;
    } else if (signal != null && start == null) {
      action = Route.Action.SIGNAL;
      type = null;
    } else {
      throw new IllegalArgumentException(
          "give exactly one action: 'start: <type>', 'signal: <name>' or"
              + " 'signal-with-start: <type>' (with optional 'signal')");
    }
    String name = spec.name() != null ? spec.name() : spec.source() + "#" + index;
    String template = spec.workflowId();
    if (action == Route.Action.PUBLISH) {
      template = "{source}-{eventId}"; // not a workflow id: the event's key in the start-up log
    } else if (template == null) {
      if (action != Route.Action.START) {
        throw new IllegalArgumentException("'workflow-id' is required to signal a workflow");
      }
      template =
          relay.isEmpty() ? "{source}-{type}-{eventId}" : "relay-" + name + "-{source}-{eventId}";
    }
    return new Route(
        name,
        spec.source(),
        events,
        conditions,
        action,
        type,
        signal,
        WorkflowIdTemplate.parse(template),
        spec.taskQueue(),
        spec.params(),
        relay,
        publish,
        ifNotRunning(spec.ifNotRunning(), action),
        ifExists(spec.ifExists(), action));
  }

  private static Route.IfNotRunning ifNotRunning(String value, Route.Action action) {
    if (value == null) {
      return Route.IfNotRunning.REJECT;
    }
    if (action != Route.Action.SIGNAL) {
      throw new IllegalArgumentException(
          "'if-not-running' belongs to 'signal' routes (a start or signal-with-start always"
              + " has a workflow)");
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
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

  private static Route.IfExists ifExists(String value, Route.Action action) {
    if (value == null) {
      return Route.IfExists.RECORD;
    }
    if (action != Route.Action.START) {
      throw new IllegalArgumentException(
          "'if-exists' belongs to 'start' routes (a signal or signal-with-start delivers to the"
              + " run that holds the id)");
    }
    String lower = value.toLowerCase(Locale.ROOT);
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

  private static PublishSpec publish(RouteSpec.Publish spec) {
    if (spec.app() == null || spec.eventType() == null) {
      throw new IllegalArgumentException(
          "'publish' needs 'app' (the application's uid) and 'event-type' (a template, for"
              + " example github.{type})");
    }
    String pointer = spec.payload() == null ? "" : spec.payload();
    if (!pointer.isEmpty() && !pointer.startsWith("/")) {
      throw new IllegalArgumentException(
          "publish.payload is a JSON pointer into the event (for example /data), not '"
              + pointer
              + "'");
    }
    return new PublishSpec(
        spec.app(),
        WorkflowIdTemplate.parse(spec.eventType()),
        pointer,
        WorkflowIdTemplate.parse(spec.eventId() == null ? "{source}-{eventId}" : spec.eventId()));
  }

  private static List<RelaySpec> relay(List<RouteSpec.Destination> destinations) {
    List<RelaySpec> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < destinations.size(); i++) {
      RouteSpec.Destination destination = destinations.get(i);
      String label = "relay[" + i + "]";
      if (destination == null || destination.name() == null || destination.url() == null) {
        throw new IllegalArgumentException(label + " needs 'name' and 'url'");
      }
      String name = destination.name();
      if (!names.add(name)) {
        throw new IllegalArgumentException(label + ": destination name '" + name + "' repeats");
      }
      if (destination.secret() == null) {
        throw new IllegalArgumentException(
            label + " (" + name + ") needs a 'secret' (whsec_...) to sign what it sends");
      }
      URI uri;
      try {
        uri = URI.create(destination.url());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(label + " (" + name + "): url is not a URL");
      }
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            label + " (" + name + "): url must be http(s)://host...");
      }
      out.add(
          new RelaySpec(
              name,
              uri,
              destination.secret(),
              destination.policy() == null ? "relay" : destination.policy(),
              destination.headers()));
    }
    return out;
  }
}
