package dev.hookflow.hub.outbound.apps;

import dev.hookflow.hub.outbound.api.Answer;
import dev.hookflow.hub.outbound.api.ApiJson;
import dev.hookflow.hub.outbound.api.Fields;
import dev.hookflow.hub.outbound.api.Idempotency;
import dev.hookflow.hub.outbound.api.ListQuery;
import dev.hookflow.hub.outbound.api.Lookup;
import dev.hookflow.hub.outbound.api.Out;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import dev.hookflow.store.ApplicationRepository;
import dev.hookflow.store.ApplicationRow;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/app}: applications, the tenants whose endpoints receive messages. */
@Controller("/api/v1/app")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ApplicationController {
  private final ApplicationRepository apps;
  private final Listings sql;
  private final Lookup lookup;
  private final ApiJson json;
  private final Out out;
  private final Idempotency idempotency;

  public ApplicationController(
      ApplicationRepository apps,
      Listings sql,
      Lookup lookup,
      ApiJson json,
      Out out,
      Idempotency idempotency) {
    this.apps = apps;
    this.sql = sql;
    this.lookup = lookup;
    this.json = json;
    this.out = out;
    this.idempotency = idempotency;
  }

  @Get
  public HttpResponse<?> list(HttpRequest<?> request) {
    ListQuery query = ListQuery.of(request);
    Page<ApplicationRow> page =
        sql.page(
            "SELECT * FROM application WHERE true",
            List.of(),
            "id",
            query.iterator(),
            query.limit(),
            query.ascending(),
            sql.entity(ApplicationRow.class),
            ApplicationRow::id);
    return HttpResponse.ok(json.list(page, out::application));
  }

  @Post
  public HttpResponse<?> create(HttpRequest<?> request, @Body @Nullable String body) {
    return idempotency.post(
        request,
        body,
        () -> {
          Fields in = json.fields(body);
          Input input = Input.read(in, true);
          in.check();
          if (input.uid() != null) {
            var existing = apps.findByUid(input.uid());
            if (existing.isPresent()) {
              if (ListQuery.of(request).flag("get_if_exists", false)) {
                return Answer.ok(out.application(existing.get()));
              }
              throw new ProblemException(
                  ProblemCode.CONFLICT, "An application with uid " + input.uid() + " exists");
            }
          }
          return Answer.created(out.application(insert(input, Ids.next("app_"))));
        });
  }

  /** Creates an application; also used when a message creates its application on the fly. */
  public ApplicationRow insert(Input input, String id) {
    Instant now = Times.now();
    return apps.save(
        new ApplicationRow(
            id,
            input.uid(),
            input.name(),
            json.write(input.metadata() == null ? Map.of() : input.metadata()),
            input.throttleRate(),
            now,
            now));
  }

  @Get("/{appId}")
  public HttpResponse<?> get(@PathVariable String appId) {
    return HttpResponse.ok(out.application(lookup.app(appId)));
  }

  @Put("/{appId}")
  public HttpResponse<?> put(@PathVariable String appId, @Body @Nullable String body) {
    Fields in = json.fields(body);
    Input input = Input.read(in, true);
    in.check();
    var existing = lookup.findApp(appId);
    if (existing.isEmpty()) {
      Input created =
          input.uid() == null && !appId.startsWith("app_") ? input.withUid(appId) : input;
      return Idempotency.respond(
          Answer.created(out.application(insert(created, Ids.next("app_")))));
    }
    ApplicationRow app = existing.get();
    uidFree(input.uid(), app.id());
    return HttpResponse.ok(
        out.application(
            apps.update(
                new ApplicationRow(
                    app.id(),
                    input.uid(),
                    input.name(),
                    json.write(input.metadata() == null ? Map.of() : input.metadata()),
                    input.throttleRate(),
                    app.createdAt(),
                    Times.now()))));
  }

  @Patch("/{appId}")
  public HttpResponse<?> patch(@PathVariable String appId, @Body @Nullable String body) {
    ApplicationRow app = lookup.app(appId);
    Fields in = json.fields(body);
    Input input = Input.read(in, false);
    in.check();
    String uid = in.has("uid") ? input.uid() : app.uid();
    uidFree(uid, app.id());
    return HttpResponse.ok(
        out.application(
            apps.update(
                new ApplicationRow(
                    app.id(),
                    uid,
                    in.has("name") && input.name() != null ? input.name() : app.name(),
                    in.has("metadata")
                        ? json.write(input.metadata() == null ? Map.of() : input.metadata())
                        : app.metadata(),
                    in.has("throttleRate", "rateLimit") ? input.throttleRate() : app.throttleRate(),
                    app.createdAt(),
                    Times.now()))));
  }

  @Delete("/{appId}")
  public HttpResponse<?> delete(@PathVariable String appId) {
    apps.deleteById(lookup.app(appId).id());
    return HttpResponse.noContent();
  }

  private void uidFree(String uid, String ownId) {
    if (uid != null) {
      apps.findByUid(uid)
          .filter(other -> !other.id().equals(ownId))
          .ifPresent(
              other -> {
                throw new ProblemException(
                    ProblemCode.CONFLICT, "An application with uid " + uid + " exists");
              });
    }
  }

  /** An application's writable fields ({@code ApplicationIn}). */
  public record Input(String name, String uid, Map<String, String> metadata, Integer throttleRate) {
    public static Input read(Fields in, boolean nameRequired) {
      return new Input(
          in.string("name", nameRequired, 256, null),
          in.string("uid", false, 256, Fields.NAME),
          in.stringMap("metadata"),
          in.integer("throttleRate", "rateLimit"));
    }

    Input withUid(String uid) {
      return new Input(name, uid, metadata, throttleRate);
    }
  }
}
