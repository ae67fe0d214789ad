package dev.hookflow.hub.outbound.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookflow.activities.delivery.DeliveryStarter;
import dev.hookflow.activities.delivery.FanOut;
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
 * it, start its deliveries in Temporal ({@link FanOut}: one workflow per endpoint, or a dispatch
 * for many), and only then answer 202. When Temporal takes none of them the stored message is
 * deleted again (rolled back) and the answer is 503 with {@code Retry-After}: no message is left
 * that would never be delivered, and the caller's retry (same {@code eventId}) is not refused as a
 * duplicate.
 */
@Singleton
public class Publisher implements Publishing {
  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

  /**
   * How long after a message was stored a repeat of its event id starts deliveries that never
   * started: well inside Temporal's retention, so a delivery that ran and was deleted since is not
   * run twice.
   */
  private static final java.time.Duration REPAIR_WINDOW = java.time.Duration.ofHours(24);

  private final Lookup lookup;
  private final ApplicationController apps;
  private final EventTypeRepository types;
  private final MessageRepository messages;
  private final FanOut fanOut;
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
      FanOut fanOut,
      DeliveryStarter starter,
      SearchAttributes searchAttributes,
      ApiJson json,
      OutboundConfig config,
      HookflowConfig hub) {
    this.lookup = lookup;
    this.apps = apps;
    this.types = types;
    this.messages = messages;
    this.fanOut = fanOut;
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
        stored.started() == null ? null : stored.started().workflowId(),
        stored.started() == null ? null : stored.started().runId(),
        stored.duplicate());
  }

  /**
   * A message stored and fanned out by this call (what it started), or one with the same event id
   * found (nothing started: {@code started} null).
   */
  private record Stored(MessageRow message, FanOut.Started started, boolean duplicate) {}

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

  /**
   * A repeat of a stored event id. Within a day of the first, what that publish may not have
   * started (the hub stopped, or Temporal failed, between storing the message and its last start)
   * is started now, so the publisher's retry delivers it; a repeat of a delivered message costs one
   * query.
   */
  private Stored repeated(MessageRow existing, DeliveryStarter.Origin origin) {
    if (existing.createdAt().isAfter(Times.now().minus(REPAIR_WINDOW))) {
      int started = fannedOut(existing, () -> fanOut.repair(existing, origin));
      if (started > 0) {
        LOG.warn(
            "Message {} of {}: {} of its deliveries had not been started (the hub stopped, or"
                + " Temporal failed, while publishing it); its publisher's retry started them",
            existing.id(),
            existing.appId(),
            started);
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

  /**
   * Starts the message's deliveries. When Temporal takes none of them the message is deleted again
   * (rolled back); when it took some and then failed, the message stays (those deliver it) and the
   * answer is 503 too: the publisher's retry with the same event id starts the rest ({@link
   * #repeated}).
   */
  private FanOut.Started dispatch(MessageRow message, DeliveryStarter.Origin origin) {
    try {
      return fannedOut(message, () -> fanOut.publish(message, origin));
    } catch (ProblemException e) {
      if (!(e.getCause() instanceof FanOut.Interrupted)) {
        messages.deleteById(message.id());
      }
      throw e;
    } catch (RuntimeException e) {
      if (!(e instanceof FanOut.Interrupted)) {
        messages.deleteById(message.id());
      }
      throw e;
    }
  }

  /** Runs a fan-out; Temporal not taking it is 503 {@code temporal_unavailable}. */
  private <T> T fannedOut(MessageRow message, java.util.function.Supplier<T> fan) {
    try {
      return inTemporal(fan);
    } catch (RuntimeException e) {
      Throwable cause = e instanceof FanOut.Interrupted ? e.getCause() : e;
      if (!(cause instanceof RuntimeException refused && refusedByTemporal(refused))) {
        throw e;
      }
      boolean partly = e instanceof FanOut.Interrupted;
      LOG.warn(
          "Publish of {} to {}: Temporal did not take {} ({}); answered 503",
          message.id(),
          message.appId(),
          partly ? "all its deliveries (the rest start on a retry)" : "its deliveries",
          GrpcStatus.of(cause)
              .map(s -> s.getCode().name())
              .orElse(cause.getClass().getSimpleName()));
      throw new ProblemException(
          ProblemCode.TEMPORAL_UNAVAILABLE,
          partly
              ? "Temporal took only part of the message's deliveries; retry with the same eventId"
                  + " to start the rest"
              : "Temporal did not accept the message's deliveries in time; nothing was stored,"
                  + " retry later",
          retryAfterSeconds,
          e);
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
