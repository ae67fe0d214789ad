package dev.hookflow.hub.outbound.messages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookflow.hub.outbound.api.Answer;
import dev.hookflow.hub.outbound.api.ApiJson;
import dev.hookflow.hub.outbound.api.Idempotency;
import dev.hookflow.hub.outbound.api.ListQuery;
import dev.hookflow.hub.outbound.api.Lookup;
import dev.hookflow.hub.outbound.api.Out;
import dev.hookflow.store.ApplicationRow;
import dev.hookflow.store.EndpointRow;
import dev.hookflow.store.Listings;
import dev.hookflow.store.MessageRow;
import dev.hookflow.store.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code /api/v1/app/{app}/msg}: publish, list and read messages; where each went; resend. */
@Controller("/api/v1/app/{appId}/msg")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MessageController {
  private final Publisher publisher;
  private final Lookup lookup;
  private final Listings sql;
  private final ApiJson json;
  private final Out out;
  private final Idempotency idempotency;

  public MessageController(
      Publisher publisher,
      Lookup lookup,
      Listings sql,
      ApiJson json,
      Out out,
      Idempotency idempotency) {
    this.publisher = publisher;
    this.lookup = lookup;
    this.sql = sql;
    this.json = json;
    this.out = out;
    this.idempotency = idempotency;
  }

  /** 202 once the message is stored and its dispatch is durably in Temporal. */
  @Post
  public HttpResponse<?> create(
      @PathVariable String appId, HttpRequest<?> request, @Body @Nullable String body) {
    boolean withContent = ListQuery.of(request).flag("with_content", true);
    return idempotency.post(
        request,
        body,
        () -> Answer.accepted(out.message(publisher.publish(appId, body), withContent)));
  }

  @Get
  public HttpResponse<?> list(@PathVariable String appId, HttpRequest<?> request) {
    ApplicationRow app = lookup.app(appId);
    ListQuery query = ListQuery.of(request);
    StringBuilder where = new StringBuilder("SELECT * FROM message WHERE app_id = ?");
    List<Object> args = new ArrayList<>(List.of(app.id()));
    filters(query, where, args, "");
    Page<MessageRow> page =
        sql.page(
            where.toString(),
            args,
            "id",
            query.iterator(),
            query.limit(),
            query.ascending(),
            sql.entity(MessageRow.class),
            MessageRow::id);
    boolean content = query.flag("with_content", true);
    return HttpResponse.ok(json.list(page, m -> out.message(m, content)));
  }

  /** The message filters of the reference: channel, event_types, before, after. */
  public static void filters(
      ListQuery query, StringBuilder where, List<Object> args, String alias) {
    if (query.param("channel") != null) {
      where.append(" AND ? = ANY (").append(alias).append("channels)");
      args.add(query.param("channel"));
    }
    List<String> types = query.all("event_types");
    if (!types.isEmpty()) {
      where.append(" AND ").append(alias).append("event_type = ANY (?)");
      args.add(types.toArray(String[]::new));
    }
    Instant before = query.time("before");
    if (before != null) {
      where.append(" AND ").append(alias).append("created_at < ?");
      args.add(before);
    }
    Instant after = query.time("after");
    if (after != null) {
      where.append(" AND ").append(alias).append("created_at > ?");
      args.add(after);
    }
  }

  @Get("/{msgId}")
  public HttpResponse<?> get(
      @PathVariable String appId, @PathVariable String msgId, HttpRequest<?> request) {
    ApplicationRow app = lookup.app(appId);
    return HttpResponse.ok(
        out.message(
            lookup.message(app.id(), msgId), ListQuery.of(request).flag("with_content", true)));
  }

  /** Deletes the payload (kept: the message, its attempts and where it went). */
  @Delete("/{msgId}/content")
  public HttpResponse<?> deleteContent(@PathVariable String appId, @PathVariable String msgId) {
    ApplicationRow app = lookup.app(appId);
    MessageRow message = lookup.message(app.id(), msgId);
    sql.update("UPDATE message SET payload = NULL WHERE id = ?", List.of(message.id()));
    return HttpResponse.noContent();
  }

  /** The endpoints the message goes to, with its state at each and the next attempt's time. */
  @Get("/{msgId}/endpoint")
  public HttpResponse<?> destinations(
      @PathVariable String appId, @PathVariable String msgId, HttpRequest<?> request) {
    ApplicationRow app = lookup.app(appId);
    MessageRow message = lookup.message(app.id(), msgId);
    ListQuery query = ListQuery.of(request);
    Page<ObjectNode> page =
        sql.page(
            "SELECT e.*, d.status AS d_status, d.next_attempt AS d_next FROM message_destination d"
                + " JOIN endpoint e ON e.id = d.endpoint_id WHERE d.msg_id = ?",
            List.of(message.id()),
            "e.id",
            query.iterator(),
            query.limit(),
            query.ascending(),
            rs -> {
              ObjectNode row = out.endpoint(sql.entity(EndpointRow.class).map(rs));
              Out.status(row, rs.getInt("d_status"));
              Out.nextAttempt(row, Listings.instant(rs, "d_next"));
              return row;
            },
            row -> row.get("id").asText());
    return HttpResponse.ok(json.list(page, row -> row));
  }

  /** Sends the message to the endpoint once more now (trigger manual). */
  @Post("/{msgId}/endpoint/{endpointId}/resend")
  public HttpResponse<?> resend(
      @PathVariable String appId,
      @PathVariable String msgId,
      @PathVariable String endpointId,
      HttpRequest<?> request,
      @Body @Nullable String body) {
    return idempotency.post(
        request,
        body,
        () -> {
          ApplicationRow app = lookup.app(appId);
          MessageRow message = lookup.message(app.id(), msgId);
          EndpointRow endpoint = lookup.endpoint(app.id(), endpointId);
          publisher.resend(message, endpoint.id());
          return Answer.accepted(json.object());
        });
  }
}
