package dev.hookflow.hub.outbound.attempts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookflow.hub.outbound.api.ApiJson;
import dev.hookflow.hub.outbound.api.ListQuery;
import dev.hookflow.hub.outbound.api.Lookup;
import dev.hookflow.hub.outbound.api.Out;
import dev.hookflow.hub.outbound.messages.MessageController;
import dev.hookflow.store.ApplicationRow;
import dev.hookflow.store.AttemptRepository;
import dev.hookflow.store.AttemptRow;
import dev.hookflow.store.EndpointRow;
import dev.hookflow.store.Listings;
import dev.hookflow.store.MessageRow;
import dev.hookflow.store.Page;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.List;

/** Attempts: by message, by endpoint, one attempt; and an endpoint's messages with their state. */
@Controller("/api/v1/app/{appId}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AttemptController {
  private final Lookup lookup;
  private final Listings sql;
  private final AttemptRepository attempts;
  private final ApiJson json;
  private final Out out;

  public AttemptController(
      Lookup lookup, Listings sql, AttemptRepository attempts, ApiJson json, Out out) {
    this.lookup = lookup;
    this.sql = sql;
    this.attempts = attempts;
    this.json = json;
    this.out = out;
  }

  @Get("/attempt/msg/{msgId}")
  public HttpResponse<?> byMessage(
      @PathVariable String appId, @PathVariable String msgId, HttpRequest<?> request) {
    ApplicationRow app = lookup.app(appId);
    MessageRow message = lookup.message(app.id(), msgId);
    ListQuery query = ListQuery.of(request);
    StringBuilder where = new StringBuilder("SELECT a.* FROM message_attempt a WHERE a.msg_id = ?");
    List<Object> args = new ArrayList<>(List.of(message.id()));
    String endpoint = query.param("endpoint_id");
    if (endpoint != null) {
      where.append(" AND a.endpoint_id = ?");
      args.add(lookup.endpoint(app.id(), endpoint).id());
    }
    attemptFilters(query, where, args);
    return HttpResponse.ok(json.list(attemptPage(query, where, args), out::attempt));
  }

  @Get("/attempt/endpoint/{endpointId}")
  public HttpResponse<?> byEndpoint(
      @PathVariable String appId, @PathVariable String endpointId, HttpRequest<?> request) {
    ApplicationRow app = lookup.app(appId);
    EndpointRow endpoint = lookup.endpoint(app.id(), endpointId);
    ListQuery query = ListQuery.of(request);
    StringBuilder where =
        new StringBuilder(
            "SELECT a.* FROM message_attempt a JOIN message m ON m.id = a.msg_id"
                + " WHERE a.endpoint_id = ?");
    List<Object> args = new ArrayList<>(List.of(endpoint.id()));
    attemptFilters(query, where, args);
    if (query.param("channel") != null) {
      where.append(" AND ? = ANY (m.channels)");
      args.add(query.param("channel"));
    }
    List<String> types = query.all("event_types");
    if (!types.isEmpty()) {
      where.append(" AND m.event_type = ANY (?)");
      args.add(types.toArray(String[]::new));
    }
    return HttpResponse.ok(json.list(attemptPage(query, where, args), out::attempt));
  }

  private Page<AttemptRow> attemptPage(ListQuery query, StringBuilder where, List<Object> args) {
    return sql.page(
        where.toString(),
        args,
        "a.id",
        query.iterator(),
        query.limit(),
        query.ascending(),
        sql.entity(AttemptRow.class),
        AttemptRow::id);
  }

  /** {@code status} (0 success, 2 fail), {@code status_code_class} (0, 100 ... 500), dates. */
  private static void attemptFilters(ListQuery query, StringBuilder where, List<Object> args) {
    Integer status = query.integer("status");
    if (status != null) {
      where.append(" AND a.status = ?");
      args.add(status);
    }
    Integer codeClass = query.integer("status_code_class");
    if (codeClass != null) {
      where.append(" AND a.response_status_code / 100 * 100 = ?");
      args.add(codeClass);
    }
    if (query.time("before") != null) {
      where.append(" AND a.created_at < ?");
      args.add(query.time("before"));
    }
    if (query.time("after") != null) {
      where.append(" AND a.created_at > ?");
      args.add(query.time("after"));
    }
  }

  @Get("/msg/{msgId}/attempt/{attemptId}")
  public HttpResponse<?> one(
      @PathVariable String appId, @PathVariable String msgId, @PathVariable String attemptId) {
    return HttpResponse.ok(out.attempt(attempt(appId, msgId, attemptId)));
  }

  private AttemptRow attempt(String appId, String msgId, String attemptId) {
    MessageRow message = lookup.message(lookup.app(appId).id(), msgId);
    return attempts
        .findByIdAndMsgId(attemptId, message.id())
        .orElseThrow(() -> Lookup.notFound("Attempt " + attemptId));
  }

  /** Deletes the response kept with an attempt. */
  @Delete("/msg/{msgId}/attempt/{attemptId}/content")
  public HttpResponse<?> deleteContent(
      @PathVariable String appId, @PathVariable String msgId, @PathVariable String attemptId) {
    AttemptRow attempt = attempt(appId, msgId, attemptId);
    sql.update("UPDATE message_attempt SET response = '' WHERE id = ?", List.of(attempt.id()));
    return HttpResponse.noContent();
  }

  /** The messages sent to an endpoint, with their state there and the next attempt's time. */
  @Get("/endpoint/{endpointId}/msg")
  public HttpResponse<?> endpointMessages(
      @PathVariable String appId, @PathVariable String endpointId, HttpRequest<?> request) {
    ApplicationRow app = lookup.app(appId);
    EndpointRow endpoint = lookup.endpoint(app.id(), endpointId);
    ListQuery query = ListQuery.of(request);
    StringBuilder where =
        new StringBuilder(
            "SELECT m.*, d.status AS d_status, d.next_attempt AS d_next FROM message_destination d"
                + " JOIN message m ON m.id = d.msg_id WHERE d.endpoint_id = ?");
    List<Object> args = new ArrayList<>(List.of(endpoint.id()));
    Integer status = query.integer("status");
    if (status != null) {
      where.append(" AND d.status = ?");
      args.add(status);
    }
    MessageController.filters(query, where, args, "m.");
    boolean content = query.flag("with_content", true);
    Page<ObjectNode> page =
        sql.page(
            where.toString(),
            args,
            "m.id",
            query.iterator(),
            query.limit(),
            query.ascending(),
            rs -> {
              ObjectNode row = out.message(sql.entity(MessageRow.class).map(rs), content);
              Out.status(row, rs.getInt("d_status"));
              Out.nextAttempt(row, Listings.instant(rs, "d_next"));
              return row;
            },
            row -> row.get("id").asText());
    return HttpResponse.ok(json.list(page, row -> row));
  }
}
