package dev.hookflow.hub.outbound.api;

import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import dev.hookflow.store.ApplicationRepository;
import dev.hookflow.store.ApplicationRow;
import dev.hookflow.store.EndpointRepository;
import dev.hookflow.store.EndpointRow;
import dev.hookflow.store.MessageRepository;
import dev.hookflow.store.MessageRow;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Finds what a path names: an application or an endpoint by id or by {@code uid}, a message by id
 * or by {@code eventId}; 404 {@code not_found} otherwise.
 */
@Singleton
public class Lookup {
  private final ApplicationRepository apps;
  private final EndpointRepository endpoints;
  private final MessageRepository messages;

  public Lookup(
      ApplicationRepository apps, EndpointRepository endpoints, MessageRepository messages) {
    this.apps = apps;
    this.endpoints = endpoints;
    this.messages = messages;
  }

  public Optional<ApplicationRow> findApp(String idOrUid) {
    Optional<ApplicationRow> byId =
        idOrUid.startsWith("app_") ? apps.findById(idOrUid) : Optional.empty();
    return byId.isPresent() ? byId : apps.findByUid(idOrUid);
  }

  public ApplicationRow app(String idOrUid) {
    return findApp(idOrUid).orElseThrow(() -> notFound("Application " + idOrUid));
  }

  public Optional<EndpointRow> findEndpoint(String appId, String idOrUid) {
    Optional<EndpointRow> byId =
        idOrUid.startsWith("ep_") ? endpoints.findByIdAndAppId(idOrUid, appId) : Optional.empty();
    return byId.isPresent() ? byId : endpoints.findByUidAndAppId(idOrUid, appId);
  }

  public EndpointRow endpoint(String appId, String idOrUid) {
    return findEndpoint(appId, idOrUid).orElseThrow(() -> notFound("Endpoint " + idOrUid));
  }

  public MessageRow message(String appId, String idOrEventId) {
    Optional<MessageRow> byId =
        idOrEventId.startsWith("msg_")
            ? messages.findByIdAndAppId(idOrEventId, appId)
            : Optional.empty();
    return (byId.isPresent() ? byId : messages.findByEventIdAndAppId(idOrEventId, appId))
        .orElseThrow(() -> notFound("Message " + idOrEventId));
  }

  public static ProblemException notFound(String what) {
    return new ProblemException(ProblemCode.NOT_FOUND, what + " not found");
  }
}
