package dev.hookflow.store;

import jakarta.inject.Singleton;
import java.util.List;

/**
 * Applications that the hub's configuration defines rather than the API: a relay route's
 * application ({@code relay-<route>}) with one endpoint per destination. Each call brings the rows
 * to what the configuration says (URL, secret, headers), keeping their ids, so the deliveries and
 * attempt rows of earlier events stay theirs. Every statement is an upsert: hub processes may run
 * them at once.
 */
@Singleton
public class ConfiguredApplications {
  private final Listings sql;

  public ConfiguredApplications(Listings sql) {
    this.sql = sql;
  }

  /** The application's id, creating it under this uid and name when missing. */
  public String application(String uid, String name) {
    java.time.Instant now = Times.now();
    return sql.query(
            "INSERT INTO application (id, uid, name, metadata, created_at, updated_at)"
                + " VALUES (?, ?, ?, '{\"hookflow\":\"configured\"}', ?, ?)"
                + " ON CONFLICT (uid) DO UPDATE SET name = EXCLUDED.name"
                + " RETURNING id",
            List.of(Ids.next("app_"), uid, name, now, now),
            rs -> rs.getString(1))
        .get(0);
  }

  /**
   * The endpoint's id, created or updated to this URL, secret and headers (a JSON object). A
   * changed secret replaces the old one at once: the configuration is the one place it lives.
   */
  public String endpoint(
      String appId, String uid, String url, String secret, String headers, String description) {
    java.time.Instant now = Times.now();
    return sql
        .query(
            "INSERT INTO endpoint (id, app_id, uid, url, description, metadata, headers, secret,"
                + " created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, '{\"hookflow\":\"configured\"}', ?, ?, ?, ?)"
                + " ON CONFLICT (app_id, uid) DO UPDATE SET url = EXCLUDED.url,"
                + " description = EXCLUDED.description, headers = EXCLUDED.headers,"
                + " secret = EXCLUDED.secret, updated_at = EXCLUDED.updated_at"
                + " WHERE endpoint.url IS DISTINCT FROM EXCLUDED.url"
                + " OR endpoint.headers IS DISTINCT FROM EXCLUDED.headers"
                + " OR endpoint.secret IS DISTINCT FROM EXCLUDED.secret"
                + " OR endpoint.description IS DISTINCT FROM EXCLUDED.description"
                + " RETURNING id",
            List.of(Ids.next("ep_"), appId, uid, url, description, headers, secret, now, now),
            rs -> rs.getString(1))
        .stream()
        .findFirst()
        // Unchanged: the conditional update returned nothing.
        .orElseGet(
            () ->
                sql.query(
                        "SELECT id FROM endpoint WHERE app_id = ? AND uid = ?",
                        List.of(appId, uid),
                        rs -> rs.getString(1))
                    .get(0));
  }

  /**
   * The message holding an event: created under its event id, or the one stored before (the same
   * event relayed again, or replayed).
   */
  public String message(String appId, String eventId, String eventType, String payload) {
    List<String> created =
        sql.query(
            "INSERT INTO message (id, app_id, event_id, event_type, payload, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (app_id, event_id) DO NOTHING"
                + " RETURNING id",
            List.of(Ids.next("msg_"), appId, eventId, eventType, payload, Times.now()),
            rs -> rs.getString(1));
    if (!created.isEmpty()) {
      return created.get(0);
    }
    return sql.query(
            "SELECT id FROM message WHERE app_id = ? AND event_id = ?",
            List.of(appId, eventId),
            rs -> rs.getString(1))
        .get(0);
  }
}
