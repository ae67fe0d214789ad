package dev.hookflow.hub.outbound.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookflow.activities.delivery.DeliveryStarter;
import dev.hookflow.hub.outbound.api.ApiJson;
import dev.hookflow.hub.outbound.api.Fields;
import dev.hookflow.hub.outbound.api.Lookup;
import dev.hookflow.hub.outbound.apps.ApplicationController;
import dev.hookflow.hub.outbound.delivery.OutboundConfig;
import dev.hookflow.hub.outbound.eventtypes.PayloadSchemas;
import dev.hookflow.hub.platform.config.HookflowConfig;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import dev.hookflow.hub.platform.publish.Publishing;
import dev.hookflow.hub.platform.temporal.GrpcStatus;
import dev.hookflow.hub.platform.temporal.SearchAttributes;
import dev.hookflow.store.ApplicationRow;
import dev.hookflow.store.Destinations;
import dev.hookflow.store.EventTypeRepository;
import dev.hookflow.store.Ids;
import dev.hookflow.store.MessageRepository;
import dev.hookflow.store.MessageRow;
import dev.hookflow.store.Times;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishing a message: validate it (application, event type, size, the event type's schema), store
 * it, start its dispatch in Temporal, and only then answer 202. When Temporal does not take the
 * dispatch the stored message is deleted again (rolled back) and the answer is 503 with {@code
 * Retry-After}: no message is left that would never be delivered, and the caller's retry (same
 * {@code eventId}) is not refused as a duplicate.
 */
@Singleton
public class Publisher implements Publishing {
  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

  /**
   * How long after a message was stored a repeat of its event id starts a dispatch that never
   * started: well inside Temporal's retention, so a dispatch that ran and was deleted since is not
   * run twice.
   */
  private static final java.time.Duration REPAIR_WINDOW = java.time.Duration.ofHours(24);

  private final Lookup lookup;
  private final ApplicationController apps;
  private final EventTypeRepository types;
  private final MessageRepository messages;
  private final Destinations destinations;
  private final DeliveryStarter starter;
  private final SearchAttributes searchAttributes;
  private final ApiJson json;
  private final long maxPayload;
  private final int retryAfterSeconds;

  public Publisher(
      Lookup lookup,
      ApplicationController apps,
      EventTypeRepository types,
      MessageRepository messages,
      Destinations destinations,
      DeliveryStarter starter,
      SearchAttributes searchAttributes,
      ApiJson json,
      OutboundConfig config,
      HookflowConfig hub) {
    this.lookup = lookup;
    this.apps = apps;
    this.types = types;
    this.messages = messages;
    this.destinations = destinations;
    this.starter = starter;
    this.searchAttributes = searchAttributes;
    this.json = json;
    this.maxPayload = config.getMaxPayload();
    this.retryAfterSeconds = hub.getRetryAfterSeconds();
  }

  public MessageRow publish(String appId, String body) {
    Fields in = json.fields(body);
    String eventType = in.string("eventType", true, 256, Fields.NAME);
    String eventId = in.string("eventId", false, 256, Fields.NAME);
    String[] channels = in.names(10, "channels");
    JsonNode payload = in.body().get("payload");
    // The official clients (1.x) send the payload as text in transformationsParams.rawPayload
    // (and "payload": {}); those exact bytes are what subscribers get.
    String raw = in.body().at("/transformationsParams/rawPayload").textValue();
    if (raw != null) {
      try {
        payload = json.mapper().readTree(raw);
      } catch (java.io.IOException e) {
        in.fail("transformationsParams", "rawPayload is not valid JSON", "value_error.json");
        payload = json.object();
      }
    }
    if (payload == null || payload.isNull()) {
      in.fail("payload", "field required", "value_error.missing");
    } else if (!payload.isObject()) {
      in.fail("payload", "value is not a valid dict", "type_error.dict");
    }
    JsonNode application = in.body().get("application");
    ApplicationController.Input appInput = null;
    if (application != null && !application.isNull()) {
      if (application.isObject()) {
        Fields appFields = new Fields((ObjectNode) application);
        appInput = ApplicationController.Input.read(appFields, true);
        appFields.check();
      } else {
        in.fail("application", "value is not a valid dict", "type_error.dict");
      }
    }
    in.check();

    String text = raw != null ? raw : json.write(payload);
    ApplicationRow app = app(appId, appInput);
    Stored stored = store(app, eventType, eventId, channels, text, payload, null);
    if (stored.duplicate()) {
      throw new ProblemException(
          ProblemCode.CONFLICT,
          "A message with eventId " + eventId + " exists in this application");
    }
    return stored.message();
  }

  /** A route's {@code publish:} action: see {@link Publishing}. */
  @Override
  public Published publish(Message message) {
    ApplicationRow app =
        lookup
            .findApp(message.app())
            .orElseThrow(
                () ->
                    new ProblemException(
                        ProblemCode.APPLICATION_NOT_FOUND,
                        "Route "
                            + message.origin().route()
                            + " publishes to application "
                            + message.app()
                            + ", which does not exist; create it (POST /api/v1/app) and the"
                            + " sender's retry is published",
                        retryAfterSeconds,
                        null));
    JsonNode payload;
    try {
      payload = json.mapper().readTree(message.payload());
    } catch (java.io.IOException e) {
      payload = null;
    }
    if (payload == null || !payload.isObject()) {
      throw new ProblemException(
          ProblemCode.ROUTE_TEMPLATE_UNRESOLVED,
          "Route "
              + message.origin().route()
              + " publishes a payload that is not a JSON object; nothing was stored");
    }
    Publishing.Origin origin = message.origin();
    Stored stored =
        store(
            app,
            message.eventType(),
            message.eventId(),
            null,
            message.payload(),
            payload,
            new DeliveryStarter.Origin(origin.route(), origin.source(), origin.eventId()));
    return new Published(
        stored.message().id(),
        DeliveryStarter.dispatchId(app.id(), stored.message().id()),
        stored.runId(),
        stored.duplicate());
  }

  /** A message stored and dispatched by this call, or one with the same event id found. */
  private record Stored(MessageRow message, String runId, boolean duplicate) {}

  /**
   * Checks size and schema, stores the message and starts its dispatch. A repeat of an event id
   * finds the first message; when that one's dispatch never started (the hub stopped between
   * storing it and starting it), it is started now, so a publisher's retry delivers it.
   */
  private Stored store(
      ApplicationRow app,
      String eventType,
      String eventId,
      String[] channels,
      String text,
      JsonNode payload,
      DeliveryStarter.Origin origin) {
    long size = text.getBytes(StandardCharsets.UTF_8).length;
    if (size > maxPayload) {
      throw new ProblemException(
          ProblemCode.PAYLOAD_TOO_LARGE,
          "The payload is "
              + size
              + " bytes; hookflow.outbound.max-payload allows "
              + maxPayload
              + "; nothing was stored");
    }
    try {
      types
          .findByName(eventType)
          .filter(type -> type.schemas() != null)
          .ifPresent(
              type -> PayloadSchemas.validate(eventType, json.read(type.schemas()), payload));
      if (eventId != null) {
        var existing = messages.findByEventIdAndAppId(eventId, app.id());
        if (existing.isPresent()) {
          return repeated(existing.get(), origin);
        }
      }
      MessageRow message =
          new MessageRow(
              Ids.next("msg_"), app.id(), eventId, eventType, channels, text, Times.now());
      try {
        messages.save(message);
      } catch (RuntimeException e) {
        if (uniqueViolation(e)) {
          // A concurrent publish of the same eventId won.
          return repeated(messages.findByEventIdAndAppId(eventId, app.id()).orElseThrow(), origin);
        }
        throw e;
      }
      return new Stored(message, dispatch(message, origin), false);
    } catch (io.micronaut.data.exceptions.DataAccessException e) {
      throw databaseUnavailable(e);
    }
  }

  private Stored repeated(MessageRow existing, DeliveryStarter.Origin origin) {
    if (existing.createdAt().isAfter(Times.now().minus(REPAIR_WINDOW))
        && !destinations.anyFor(existing.id())) {
      String runId =
          inTemporal(
              () ->
                  starter.dispatch(existing.appId(), existing.id(), existing.eventType(), origin));
      if (runId != null) {
        LOG.warn(
            "Message {} of {} had no dispatch in Temporal (the hub stopped between storing and"
                + " dispatching it); its publisher's retry started it",
            existing.id(),
            existing.appId());
      }
    }
    return new Stored(existing, null, true);
  }

  private ProblemException databaseUnavailable(RuntimeException e) {
    LOG.warn("Publish: the database did not take the message ({})", e.getClass().getSimpleName());
    return new ProblemException(
        ProblemCode.DATABASE_UNAVAILABLE,
        "The database did not accept the message; nothing was published, retry later",
        retryAfterSeconds,
        e);
  }

  private ApplicationRow app(String appId, ApplicationController.Input create) {
    var existing = lookup.findApp(appId);
    if (existing.isPresent() || create == null) {
      return existing.orElseThrow(() -> Lookup.notFound("Application " + appId));
    }
    // The reference creates the application named in the path when the message brings one.
    ApplicationController.Input input =
        create.uid() == null && !appId.startsWith("app_")
            ? new ApplicationController.Input(
                create.name(), appId, create.metadata(), create.throttleRate())
            : create;
    try {
      return apps.insert(input, Ids.next("app_"));
    } catch (RuntimeException e) {
      if (uniqueViolation(e)) {
        return lookup.app(appId); // created concurrently
      }
      throw e;
    }
  }

  private String dispatch(MessageRow message, DeliveryStarter.Origin origin) {
    try {
      return inTemporal(
          () -> starter.dispatch(message.appId(), message.id(), message.eventType(), origin));
    } catch (RuntimeException e) {
      messages.deleteById(message.id());
      if (refusedByTemporal(e)) {
        LOG.warn(
            "Publish of {} to {}: Temporal did not take its dispatch ({}); rolled back, answered 503",
            message.id(),
            message.appId(),
            GrpcStatus.of(e).map(s -> s.getCode().name()).orElse(e.getClass().getSimpleName()));
        throw new ProblemException(
            ProblemCode.TEMPORAL_UNAVAILABLE,
            "Temporal did not accept the message's dispatch in time; nothing was stored, retry"
                + " later",
            retryAfterSeconds,
            e);
      }
      throw e;
    }
  }

  /**
   * Starts a manual resend of a message to an endpoint; 503 {@code temporal_unavailable} with
   * {@code Retry-After} when Temporal does not take it.
   */
  public String resend(MessageRow message, String endpointId) {
    try {
      return inTemporal(
          () -> starter.resend(message.appId(), message.id(), endpointId, message.eventType()));
    } catch (RuntimeException e) {
      if (refusedByTemporal(e)) {
        throw new ProblemException(
            ProblemCode.TEMPORAL_UNAVAILABLE,
            "Temporal did not accept the resend in time; retry later",
            retryAfterSeconds,
            e);
      }
      throw e;
    }
  }

  /**
   * Runs a start after the hub's search attributes are registered; one refused for an attribute
   * Temporal does not know (a restarted in-memory server) is registered and tried once more.
   */
  private <T> T inTemporal(java.util.function.Supplier<T> start) {
    searchAttributes.ensureRegisteredOnce();
    try {
      return start.get();
    } catch (RuntimeException e) {
      if (!SearchAttributes.isUndefinedAttribute(e)) {
        throw e;
      }
      searchAttributes.ensureRegistered();
      return start.get();
    }
  }

  /** Temporal unreachable, refusing the hub, or not mapping its attributes yet: retry later. */
  private static boolean refusedByTemporal(RuntimeException e) {
    return GrpcStatus.unreachable(e)
        || GrpcStatus.refusesHub(e)
        || SearchAttributes.isUndefinedAttribute(e);
  }

  static boolean uniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
