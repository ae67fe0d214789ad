package dev.hookflow.hub.outbound.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookflow.store.ApplicationRow;
import dev.hookflow.store.AttemptRow;
import dev.hookflow.store.EndpointRow;
import dev.hookflow.store.EventTypeRow;
import dev.hookflow.store.MessageRow;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * The API's objects as the reference names their fields. Where the official SDKs read other names
 * than the reference spec ({@code filterTypes} for {@code eventTypes}, {@code rateLimit} for {@code
 * throttleRate}), both are written.
 */
@Singleton
public class Out {
  private static final String[] STATUS_TEXT = {"success", "pending", "fail", "sending"};

  private final ApiJson json;

  public Out(ApiJson json) {
    this.json = json;
  }

  public ObjectNode application(ApplicationRow app) {
    ObjectNode out = json.object();
    out.put("id", app.id());
    out.put("uid", app.uid());
    out.put("name", app.name());
    out.set("metadata", json.read(app.metadata()));
    out.put("throttleRate", app.throttleRate());
    out.put("rateLimit", app.throttleRate());
    out.put("createdAt", ApiJson.time(app.createdAt()));
    out.put("updatedAt", ApiJson.time(app.updatedAt()));
    return out;
  }

  public ObjectNode eventType(EventTypeRow type, boolean withSchemas) {
    ObjectNode out = json.object();
    out.put("name", type.name());
    out.put("description", type.description());
    out.put("archived", type.archived());
    out.put("deprecated", type.deprecated());
    out.set("schemas", withSchemas ? json.read(type.schemas()) : json.mapper().nullNode());
    out.put("featureFlag", type.featureFlag());
    out.put("createdAt", ApiJson.time(type.createdAt()));
    out.put("updatedAt", ApiJson.time(type.updatedAt()));
    return out;
  }

  public ObjectNode endpoint(EndpointRow endpoint) {
    ObjectNode out = json.object();
    out.put("id", endpoint.id());
    out.put("uid", endpoint.uid());
    out.put("url", endpoint.url());
    out.put("description", endpoint.description());
    out.put("disabled", endpoint.disabled());
    out.set("filterTypes", json.names(endpoint.filterTypes()));
    out.set("eventTypes", json.names(endpoint.filterTypes()));
    out.set("channels", json.names(endpoint.channels()));
    out.put("rateLimit", endpoint.rateLimit());
    out.put("throttleRate", endpoint.rateLimit());
    out.set("metadata", json.read(endpoint.metadata()));
    out.put("version", 1);
    out.put("createdAt", ApiJson.time(endpoint.createdAt()));
    out.put("updatedAt", ApiJson.time(endpoint.updatedAt()));
    return out;
  }

  public ObjectNode message(MessageRow message, boolean withContent) {
    ObjectNode out = json.object();
    out.put("id", message.id());
    out.put("eventId", message.eventId());
    out.put("eventType", message.eventType());
    out.set(
        "payload",
        withContent && message.payload() != null ? json.read(message.payload()) : json.object());
    out.set("channels", json.names(message.channels()));
    out.put("timestamp", ApiJson.time(message.createdAt()));
    return out;
  }

  public ObjectNode attempt(AttemptRow attempt) {
    ObjectNode out = json.object();
    out.put("id", attempt.id());
    out.put("msgId", attempt.msgId());
    out.put("endpointId", attempt.endpointId());
    out.put("url", attempt.url());
    out.put("response", attempt.response());
    out.put("responseStatusCode", attempt.responseStatusCode());
    out.put("responseDurationMs", attempt.responseDurationMs());
    status(out, attempt.status());
    out.put("triggerType", attempt.triggerType());
    out.put("timestamp", ApiJson.time(attempt.createdAt()));
    out.put("errorKind", attempt.errorKind());
    return out;
  }

  /** {@code status} (the reference's number) and {@code statusText}. */
  public static void status(ObjectNode out, int status) {
    out.put("status", status);
    out.put("statusText", STATUS_TEXT[status]);
  }

  public static void nextAttempt(ObjectNode out, Instant next) {
    out.put("nextAttempt", ApiJson.time(next));
  }
}
