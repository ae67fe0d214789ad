package dev.hookflow.hub.inbound.route;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code hookflow.routes} exactly as configured (kebab-case keys, camelCase accepted),
 * bound by Jackson: an unknown key is refused, a value of the wrong shape too. {@link RouteBuilder}
 * checks the combination and makes the {@link Route}.
 */
public record RouteSpec(
    @JsonProperty("name") String name,
    @JsonProperty("source") String source,
    @JsonProperty("events") List<String> events,
    @JsonProperty("when") List<String> when,
    @JsonProperty("start") String start,
    @JsonProperty("signal") String signal,
    @JsonProperty("signal-with-start") @JsonAlias("signalWithStart") String signalWithStart,
    @JsonProperty("workflow-id") @JsonAlias("workflowId") String workflowId,
    @JsonProperty("task-queue") @JsonAlias("taskQueue") String taskQueue,
    @JsonProperty("params") Map<String, String> params,
    @JsonProperty("relay") List<Destination> relay,
    @JsonProperty("publish") Publish publish,
    @JsonProperty("if-not-running") @JsonAlias("ifNotRunning") String ifNotRunning,
    @JsonProperty("if-exists") @JsonAlias("ifExists") String ifExists) {

  public RouteSpec {
    name = text(name);
    source = text(source);
    events = strings(events);
    when = strings(when);
    start = text(start);
    signal = text(signal);
    signalWithStart = text(signalWithStart);
    workflowId = text(workflowId);
    taskQueue = text(taskQueue);
    params = values(params);
    relay = relay == null ? List.of() : List.copyOf(relay);
    ifNotRunning = text(ifNotRunning);
    ifExists = text(ifExists);
  }

  /** A publish action: the event as a message of an application of the sending side. */
  public record Publish(
      @JsonProperty("app") String app,
      @JsonProperty("event-type") @JsonAlias("eventType") String eventType,
      @JsonProperty("payload") String payload,
      @JsonProperty("event-id") @JsonAlias("eventId") String eventId) {
    public Publish {
      app = text(app);
      eventType = text(eventType);
      payload = text(payload);
      eventId = text(eventId);
    }
  }

  /** A relay destination, {@code relay[i]}. */
  public record Destination(
      @JsonProperty("name") String name,
      @JsonProperty("url") String url,
      @JsonProperty("secret") String secret,
      @JsonProperty("policy") String policy,
      @JsonProperty("headers") Map<String, String> headers) {
    public Destination {
      name = text(name);
      url = text(url);
      secret = text(secret);
      policy = text(policy);
      headers = values(headers);
    }

    @Override
    public String toString() {
      return "Destination[" + name + " " + url + ", secret and headers hidden]";
    }
  }

  /** Blank is absent. */
  static String text(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static List<String> strings(List<String> values) {
    return values == null
        ? List.of()
        : values.stream().filter(v -> v != null).map(String::strip).toList();
  }

  private static Map<String, String> values(Map<String, String> map) {
    Map<String, String> out = new LinkedHashMap<>();
    if (map != null) {
      map.forEach((k, v) -> out.put(k, v == null ? "" : v));
    }
    return out;
  }
}
