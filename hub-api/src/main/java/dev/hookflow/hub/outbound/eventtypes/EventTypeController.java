package dev.hookflow.hub.outbound.eventtypes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookflow.hub.outbound.api.Answer;
import dev.hookflow.hub.outbound.api.ApiJson;
import dev.hookflow.hub.outbound.api.Fields;
import dev.hookflow.hub.outbound.api.Idempotency;
import dev.hookflow.hub.outbound.api.ListQuery;
import dev.hookflow.hub.outbound.api.Lookup;
import dev.hookflow.hub.outbound.api.Out;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import dev.hookflow.store.EventTypeRepository;
import dev.hookflow.store.EventTypeRow;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Instant;
import java.util.List;

/**
 * {@code /api/v1/event-type}: the catalogue. Deleting archives (the name stays taken and messages
 * of the type are still accepted, as in the reference); {@code expunge=true} deletes.
 */
@Controller("/api/v1/event-type")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EventTypeController {
  private final EventTypeRepository types;
  private final Listings sql;
  private final ApiJson json;
  private final Out out;
  private final Idempotency idempotency;

  public EventTypeController(
      EventTypeRepository types, Listings sql, ApiJson json, Out out, Idempotency idempotency) {
    this.types = types;
    this.sql = sql;
    this.json = json;
    this.out = out;
    this.idempotency = idempotency;
  }

  @Get
  public HttpResponse<?> list(HttpRequest<?> request) {
    ListQuery query = ListQuery.of(request);
    boolean archived = query.flag("include_archived", false);
    boolean content = query.flag("with_content", false);
    Page<EventTypeRow> page =
        sql.page(
            "SELECT * FROM event_type WHERE " + (archived ? "true" : "NOT archived"),
            List.of(),
            "id",
            query.iterator(),
            query.limit(),
            query.ascending(),
            sql.entity(EventTypeRow.class),
            EventTypeRow::id);
    return HttpResponse.ok(json.list(page, row -> out.eventType(row, content)));
  }

  @Post
  public HttpResponse<?> create(HttpRequest<?> request, @Body @Nullable String body) {
    return idempotency.post(
        request,
        body,
        () -> {
          Fields in = json.fields(body);
          String name = in.string("name", true, 256, Fields.NAME);
          Input input = Input.read(in, true);
          in.check();
          if (types.findByName(name).isPresent()) {
            throw new ProblemException(ProblemCode.CONFLICT, "Event type " + name + " exists");
          }
          return Answer.created(out.eventType(insert(name, input), true));
        });
  }

  private EventTypeRow insert(String name, Input input) {
    Instant now = Times.now();
    return types.save(
        new EventTypeRow(
            Ids.next("et_"),
            name,
            input.description(),
            input.schemas() == null ? null : json.write(input.schemas()),
            Boolean.TRUE.equals(input.archived()),
            Boolean.TRUE.equals(input.deprecated()),
            input.featureFlag(),
            now,
            now));
  }

  @Get("/{name}")
  public HttpResponse<?> get(@PathVariable String name) {
    return HttpResponse.ok(out.eventType(find(name), true));
  }

  @Put("/{name}")
  public HttpResponse<?> put(@PathVariable String name, @Body @Nullable String body) {
    Fields in = json.fields(body);
    Input input = Input.read(in, true);
    in.check();
    var existing = types.findByName(name);
    if (existing.isEmpty()) {
      return Idempotency.respond(Answer.created(out.eventType(insert(name, input), true)));
    }
    EventTypeRow type = existing.get();
    return HttpResponse.ok(
        out.eventType(
            types.update(
                new EventTypeRow(
                    type.id(),
                    name,
                    input.description(),
                    input.schemas() == null ? null : json.write(input.schemas()),
                    Boolean.TRUE.equals(input.archived()),
                    Boolean.TRUE.equals(input.deprecated()),
                    input.featureFlag(),
                    type.createdAt(),
                    Times.now())),
            true));
  }

  @Patch("/{name}")
  public HttpResponse<?> patch(@PathVariable String name, @Body @Nullable String body) {
    EventTypeRow type = find(name);
    Fields in = json.fields(body);
    Input input = Input.read(in, false);
    in.check();
    return HttpResponse.ok(
        out.eventType(
            types.update(
                new EventTypeRow(
                    type.id(),
                    name,
                    in.has("description") && input.description() != null
                        ? input.description()
                        : type.description(),
                    in.has("schemas")
                        ? (input.schemas() == null ? null : json.write(input.schemas()))
                        : type.schemas(),
                    in.has("archived") ? Boolean.TRUE.equals(input.archived()) : type.archived(),
                    in.has("deprecated")
                        ? Boolean.TRUE.equals(input.deprecated())
                        : type.deprecated(),
                    in.has("featureFlag") ? input.featureFlag() : type.featureFlag(),
                    type.createdAt(),
                    Times.now())),
            true));
  }

  @Delete("/{name}")
  public HttpResponse<?> delete(
      @PathVariable String name, @QueryValue(defaultValue = "false") boolean expunge) {
    EventTypeRow type = find(name);
    if (expunge) {
      types.deleteById(type.id());
    } else {
      types.update(type.archive(Times.now()));
    }
    return HttpResponse.noContent();
  }

  private EventTypeRow find(String name) {
    return types.findByName(name).orElseThrow(() -> Lookup.notFound("Event type " + name));
  }

  /** The writable fields of an event type. */
  record Input(
      String description,
      JsonNode schemas,
      Boolean archived,
      Boolean deprecated,
      String featureFlag) {
    static Input read(Fields in, boolean descriptionRequired) {
      JsonNode schemas = in.body().get("schemas");
      if (schemas != null && !schemas.isNull()) {
        for (String problem : PayloadSchemas.problems(schemas)) {
          in.fail("schemas", problem, "value_error.json_schema");
        }
      } else {
        schemas = null;
      }
      return new Input(
          in.string("description", descriptionRequired, 4096, null),
          schemas,
          in.bool("archived"),
          in.bool("deprecated"),
          in.string("featureFlag", false, 256, Fields.NAME));
    }
  }
}
