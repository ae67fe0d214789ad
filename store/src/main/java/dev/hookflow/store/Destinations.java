package dev.hookflow.store;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a message goes: the endpoints that match it, and its state at each of them (pending,
 * sending, success, fail) as the delivery workflows report it.
 */
@Singleton
public class Destinations {
  private final Listings sql;

  public Destinations(Listings sql) {
    this.sql = sql;
  }

  /**
   * Ids of the app's enabled endpoints that take this message, in id order after {@code afterId}:
   * {@code filterTypes} null or naming the event type; {@code channels} null, or sharing one with
   * the message.
   */
  public List<String> matchingEndpoints(
      String appId, String eventType, String[] channels, String afterId, int limit) {
    return sql.query(
        "SELECT id FROM endpoint WHERE app_id = ? AND NOT disabled AND id > ?"
            + " AND (filter_types IS NULL OR ? = ANY (filter_types))"
            + " AND (channels IS NULL OR channels && ?::text[])"
            + " ORDER BY id LIMIT ?",
        List.of(
            appId,
            afterId == null ? "" : afterId,
            eventType,
            channels == null ? new String[0] : channels,
            limit),
        rs -> rs.getString(1));
  }

  /** The endpoints a message's destinations name, in id order, at most {@code limit}. */
  public List<String> endpointsOf(String msgId, int limit) {
    return sql.query(
        "SELECT endpoint_id FROM message_destination WHERE msg_id = ? ORDER BY endpoint_id LIMIT ?",
        List.of(msgId, limit),
        rs -> rs.getString(1));
  }

  /** The endpoints at which a message is still pending (its delivery not yet sending). */
  public List<String> pendingEndpoints(String msgId) {
    return sql.query(
        "SELECT endpoint_id FROM message_destination WHERE msg_id = ? AND status = ?"
            + " ORDER BY endpoint_id",
        List.of(msgId, DestinationRow.PENDING),
        rs -> rs.getString(1));
  }

  /** Records that the message goes to these endpoints (pending); known pairs stay as they are. */
  public void addPending(String appId, String msgId, List<String> endpointIds, Instant now) {
    List<List<Object>> rows = new ArrayList<>();
    for (String endpointId : endpointIds) {
      rows.add(List.of(msgId, endpointId, appId, DestinationRow.PENDING, now, now));
    }
    sql.batch(
        "INSERT INTO message_destination (msg_id, endpoint_id, app_id, status, next_attempt,"
            + " updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        rows);
  }

  /** Sets the state of one (message, endpoint); inserts it when a resend reaches a new pair. */
  public void set(
      String appId, String msgId, String endpointId, int status, Instant nextAttempt, Instant now) {
    List<Object> args = new ArrayList<>();
    args.add(msgId);
    args.add(endpointId);
    args.add(appId);
    args.add(status);
    args.add(nextAttempt);
    args.add(now);
    sql.update(
        "INSERT INTO message_destination (msg_id, endpoint_id, app_id, status, next_attempt,"
            + " updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (msg_id, endpoint_id) DO UPDATE"
            + " SET status = EXCLUDED.status, next_attempt = EXCLUDED.next_attempt,"
            + " updated_at = EXCLUDED.updated_at",
        args);
  }

  public java.util.Optional<DestinationRow> find(String msgId, String endpointId) {
    return sql
        .query(
            "SELECT * FROM message_destination WHERE msg_id = ? AND endpoint_id = ?",
            List.of(msgId, endpointId),
            Destinations::row)
        .stream()
        .findFirst();
  }

  public static DestinationRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new DestinationRow(
        rs.getString("msg_id"),
        rs.getString("endpoint_id"),
        rs.getString("app_id"),
        rs.getInt("status"),
        Listings.instant(rs, "next_attempt"),
        Listings.instant(rs, "updated_at"));
  }
}
