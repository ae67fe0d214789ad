package dev.hookflow.hub.outbound.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookflow.hub.outbound.api.Answer;
import dev.hookflow.hub.outbound.api.ApiJson;
import dev.hookflow.hub.outbound.api.Fields;
import dev.hookflow.hub.outbound.api.Idempotency;
import dev.hookflow.hub.outbound.api.ListQuery;
import dev.hookflow.hub.outbound.api.Lookup;
import dev.hookflow.hub.outbound.api.Out;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import dev.hookflow.signatures.StandardWebhooks;
import dev.hookflow.store.ApplicationRow;
import dev.hookflow.store.EndpointRepository;
import dev.hookflow.store.EndpointRow;
import dev.hookflow.store.Ids;
import dev.hookflow.store.Listings;
import dev.hookflow.store.Page;
import dev.hookflow.store.Times;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code /api/v1/app/{app}/endpoint}: subscribers' endpoints, their secrets and headers. */
@Controller("/api/v1/app/{appId}/endpoint")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EndpointController {
  private static final Pattern SECRET = Pattern.compile("^(whsec_)?[a-zA-Z0-9+/=]{32,100}$");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final EndpointRepository endpoints;
  private final Listings sql;
  private final Lookup lookup;
  private final ApiJson json;
  private final Out out;
  private final Idempotency idempotency;

  public EndpointController(
      EndpointRepository endpoints,
      Listings sql,
      Lookup lookup,
      ApiJson json,
      Out out,
      Idempotency idempotency) {
    this.endpoints = endpoints;
    this.sql = sql;
    this.lookup = lookup;
    this.json = json;
    this.out = out;
    this.idempotency = idempotency;
  }

  @Get
  public HttpResponse<?> list(@PathVariable String appId, HttpRequest<?> request) {
    ApplicationRow app = lookup.app(appId);
    ListQuery query = ListQuery.of(request);
    Page<EndpointRow> page =
        sql.page(
            "SELECT * FROM endpoint WHERE app_id = ?",
            List.of(app.id()),
            "id",
            query.iterator(),
            query.limit(),
            query.ascending(),
            sql.entity(EndpointRow.class),
            EndpointRow::id);
    return HttpResponse.ok(json.list(page, out::endpoint));
  }

  @Post
  public HttpResponse<?> create(
      @PathVariable String appId, HttpRequest<?> request, @Body @Nullable String body) {
    return idempotency.post(
        request,
        body,
        () -> {
          ApplicationRow app = lookup.app(appId);
          Fields in = json.fields(body);
          Input input = Input.read(in, true);
          String secret = secret(in);
          in.check();
          uidFree(app.id(), input.uid(), null);
          return Answer.created(out.endpoint(insert(app.id(), input, secret)));
        });
  }

  private EndpointRow insert(String appId, Input input, String secret) {
    Instant now = Times.now();
    return endpoints.save(
        new EndpointRow(
            Ids.next("ep_"),
            appId,
            input.uid(),
            input.url(),
            input.description() == null ? "" : input.description(),
            Boolean.TRUE.equals(input.disabled()),
            input.filterTypes(),
            input.channels(),
            input.rateLimit(),
            json.write(input.metadata() == null ? Map.of() : input.metadata()),
            json.write(input.headers() == null ? Map.of() : input.headers()),
            secret == null ? newSecret() : secret,
            null,
            null,
            now,
            now));
  }

  @Get("/{endpointId}")
  public HttpResponse<?> get(@PathVariable String appId, @PathVariable String endpointId) {
    ApplicationRow app = lookup.app(appId);
    return HttpResponse.ok(out.endpoint(lookup.endpoint(app.id(), endpointId)));
  }

  @Put("/{endpointId}")
  public HttpResponse<?> put(
      @PathVariable String appId, @PathVariable String endpointId, @Body @Nullable String body) {
    ApplicationRow app = lookup.app(appId);
    Fields in = json.fields(body);
    Input input = Input.read(in, true);
    in.check();
    var existing = lookup.findEndpoint(app.id(), endpointId);
    if (existing.isEmpty()) {
      Input created =
          input.uid() == null && !endpointId.startsWith("ep_") ? input.withUid(endpointId) : input;
      uidFree(app.id(), created.uid(), null);
      return Idempotency.respond(Answer.created(out.endpoint(insert(app.id(), created, null))));
    }
    EndpointRow ep = existing.get();
    uidFree(app.id(), input.uid(), ep.id());
    return HttpResponse.ok(
        out.endpoint(
            endpoints.update(
                new EndpointRow(
                    ep.id(),
                    ep.appId(),
                    input.uid(),
                    input.url(),
                    input.description() == null ? "" : input.description(),
                    Boolean.TRUE.equals(input.disabled()),
                    input.filterTypes(),
                    input.channels(),
                    input.rateLimit(),
                    json.write(input.metadata() == null ? Map.of() : input.metadata()),
                    ep.headers(),
                    ep.secret(),
                    ep.previousSecret(),
                    ep.previousSecretExpires(),
                    ep.createdAt(),
                    Times.now()))));
  }

  @Patch("/{endpointId}")
  public HttpResponse<?> patch(
      @PathVariable String appId, @PathVariable String endpointId, @Body @Nullable String body) {
    ApplicationRow app = lookup.app(appId);
    EndpointRow ep = lookup.endpoint(app.id(), endpointId);
    Fields in = json.fields(body);
    Input input = Input.read(in, false);
    in.check();
    String uid = in.has("uid") ? input.uid() : ep.uid();
    uidFree(app.id(), uid, ep.id());
    return HttpResponse.ok(
        out.endpoint(
            endpoints.update(
                new EndpointRow(
                    ep.id(),
                    ep.appId(),
                    uid,
                    input.url() != null ? input.url() : ep.url(),
                    in.has("description")
                        ? (input.description() == null ? "" : input.description())
                        : ep.description(),
                    in.has("disabled") ? Boolean.TRUE.equals(input.disabled()) : ep.disabled(),
                    in.has("filterTypes", "eventTypes") ? input.filterTypes() : ep.filterTypes(),
                    in.has("channels") ? input.channels() : ep.channels(),
                    in.has("rateLimit", "throttleRate") ? input.rateLimit() : ep.rateLimit(),
                    in.has("metadata")
                        ? json.write(input.metadata() == null ? Map.of() : input.metadata())
                        : ep.metadata(),
                    ep.headers(),
                    ep.secret(),
                    ep.previousSecret(),
                    ep.previousSecretExpires(),
                    ep.createdAt(),
                    Times.now()))));
  }

  @Delete("/{endpointId}")
  public HttpResponse<?> delete(@PathVariable String appId, @PathVariable String endpointId) {
    ApplicationRow app = lookup.app(appId);
    endpoints.deleteById(lookup.endpoint(app.id(), endpointId).id());
    return HttpResponse.noContent();
  }

  @Get("/{endpointId}/secret")
  public HttpResponse<?> secret(@PathVariable String appId, @PathVariable String endpointId) {
    ApplicationRow app = lookup.app(appId);
    ObjectNode key = json.object();
    key.put("key", lookup.endpoint(app.id(), endpointId).secret());
    return HttpResponse.ok(key);
  }

  /**
   * A new secret (given, or generated); the previous one keeps signing beside it for {@code
   * gracePeriodSeconds} (default 24 h), so receivers can switch without losing a message.
   */
  @Post("/{endpointId}/secret/rotate")
  public HttpResponse<?> rotate(
      @PathVariable String appId,
      @PathVariable String endpointId,
      HttpRequest<?> request,
      @Body @Nullable String body) {
    return idempotency.post(
        request,
        body,
        () -> {
          ApplicationRow app = lookup.app(appId);
          EndpointRow ep = lookup.endpoint(app.id(), endpointId);
          Fields in = json.fields(body == null || body.isBlank() ? "{}" : body);
          String secret = secret(in);
          Integer grace = in.integer("gracePeriodSeconds");
          in.check();
          Instant now = Times.now();
          endpoints.update(
              ep.withSecret(
                  secret == null ? newSecret() : secret,
                  ep.secret(),
                  now.plus(grace == null ? Duration.ofHours(24) : Duration.ofSeconds(grace)),
                  now));
          return Answer.noContent();
        });
  }

  @Get("/{endpointId}/headers")
  public HttpResponse<?> headers(@PathVariable String appId, @PathVariable String endpointId) {
    ApplicationRow app = lookup.app(appId);
    ObjectNode headers = json.object();
    headers.set("headers", json.read(lookup.endpoint(app.id(), endpointId).headers()));
    headers.putArray("sensitive");
    return HttpResponse.ok(headers);
  }

  @Put("/{endpointId}/headers")
  public HttpResponse<?> putHeaders(
      @PathVariable String appId, @PathVariable String endpointId, @Body @Nullable String body) {
    return writeHeaders(appId, endpointId, body, false);
  }

  /** Merge: a header given as {@code null} is removed, the others are set. */
  @Patch("/{endpointId}/headers")
  public HttpResponse<?> patchHeaders(
      @PathVariable String appId, @PathVariable String endpointId, @Body @Nullable String body) {
    return writeHeaders(appId, endpointId, body, true);
  }

  private HttpResponse<?> writeHeaders(
      String appId, String endpointId, String body, boolean merge) {
    ApplicationRow app = lookup.app(appId);
    EndpointRow ep = lookup.endpoint(app.id(), endpointId);
    Fields in = json.fields(body);
    var given = in.body().get("headers");
    if (given == null || !given.isObject()) {
      in.fail(
          "headers", "field required (an object of header name -> value)", "value_error.missing");
    }
    in.check();
    Map<String, String> headers = new LinkedHashMap<>();
    if (merge) {
      json.read(ep.headers())
          .fields()
          .forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
    }
    given
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isNull()) {
                headers.remove(e.getKey());
              } else if (!e.getValue().isTextual() || !HEADER_NAME.matcher(e.getKey()).matches()) {
                in.fail(
                    "headers",
                    "header " + e.getKey() + " must be a token with a string value",
                    "value_error");
              } else {
                headers.put(e.getKey(), e.getValue().asText());
              }
            });
    in.check();
    endpoints.update(ep.withHeaders(json.write(headers), Times.now()));
    return HttpResponse.noContent();
  }

  private static final Pattern HEADER_NAME = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$");

  @Get("/{endpointId}/stats")
  public HttpResponse<?> stats(@PathVariable String appId, @PathVariable String endpointId) {
    throw notYet("stats");
  }

  @Post("/{endpointId}/recover")
  public HttpResponse<?> recover(@PathVariable String appId, @PathVariable String endpointId) {
    throw notYet("recover");
  }

  @Post("/{endpointId}/send-example")
  public HttpResponse<?> sendExample(@PathVariable String appId, @PathVariable String endpointId) {
    throw notYet("send-example");
  }

  private static ProblemException notYet(String what) {
    return new ProblemException(
        ProblemCode.NOT_IMPLEMENTED,
        "Endpoint " + what + " is not implemented yet in Hookflow (endpoint operations)");
  }

  private void uidFree(String appId, String uid, String ownId) {
    if (uid != null) {
      endpoints
          .findByUidAndAppId(uid, appId)
          .filter(other -> !other.id().equals(ownId))
          .ifPresent(
              other -> {
                throw new ProblemException(
                    ProblemCode.CONFLICT, "An endpoint with uid " + uid + " exists in this app");
              });
    }
  }

  /** The {@code secret}/{@code key} field when given: a whsec_ key the signer accepts. */
  private static String secret(Fields in) {
    String field = in.has("key") ? "key" : "secret";
    String given = in.string(field, false, 106, SECRET);
    if (given == null) {
      return null;
    }
    String secret = given.startsWith("whsec_") ? given : "whsec_" + given;
    try {
      StandardWebhooks.signing(secret);
    } catch (IllegalArgumentException e) {
      in.fail(field, "not a usable signing secret: " + e.getMessage(), "value_error");
      return null;
    }
    return secret;
  }

  static String newSecret() {
    byte[] key = new byte[24];
    RANDOM.nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  /** An endpoint's writable fields ({@code EndpointIn}, {@code EndpointUpdate}). */
  record Input(
      String url,
      String uid,
      String description,
      Boolean disabled,
      String[] filterTypes,
      String[] channels,
      Integer rateLimit,
      Map<String, String> metadata,
      Map<String, String> headers) {
    static Input read(Fields in, boolean urlRequired) {
      String url = in.string("url", urlRequired, 65536, null);
      if (url != null && !url.isEmpty()) {
        try {
          URI uri = URI.create(url);
          if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
              || uri.getHost() == null) {
            in.fail("url", "must be an absolute http or https URL", "value_error.url");
          }
        } catch (IllegalArgumentException e) {
          in.fail("url", "invalid or missing URL scheme", "value_error.url");
        }
      }
      return new Input(
          url,
          in.string("uid", false, 256, Fields.NAME),
          in.string("description", false, 4096, null),
          in.bool("disabled"),
          in.names(1000, "filterTypes", "eventTypes"),
          in.names(10, "channels"),
          in.integer("rateLimit", "throttleRate"),
          in.stringMap("metadata"),
          in.stringMap("headers"));
    }

    Input withUid(String uid) {
      return new Input(
          url, uid, description, disabled, filterTypes, channels, rateLimit, metadata, headers);
    }
  }
}
