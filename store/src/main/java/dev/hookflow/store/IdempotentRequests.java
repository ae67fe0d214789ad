package dev.hookflow.store;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Answers kept for POSTs that carried an {@code idempotency-key}: the first request with a key
 * claims it (a row without status), its answer is stored when it ends, a repeat within the
 * retention gets that answer. Answers of 5xx are forgotten, so a retry runs again.
 */
@Singleton
public class IdempotentRequests {
  /** What a key holds: the body's hash, and the answer once there is one. */
  public record Claim(String bodyHash, Integer status, String response, Instant createdAt) {
    public boolean finished() {
      return status != null;
    }
  }

  public static final Duration RETENTION = Duration.ofHours(24);
  private final Listings sql;

  public IdempotentRequests(Listings sql) {
    this.sql = sql;
  }

  /**
   * Claims the key for this request, or returns what an earlier request with it left (empty: the
   * claim is ours, go ahead).
   */
  public Optional<Claim> claim(
      String tokenHash, String key, String path, String bodyHash, Instant now) {
    sql.update(
        "DELETE FROM idempotent_request WHERE token_hash = ? AND key = ? AND path = ?"
            + " AND created_at < ?",
        List.of(tokenHash, key, path, now.minus(RETENTION)));
    int inserted =
        sql.update(
            "INSERT INTO idempotent_request (token_hash, key, path, body_hash, created_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            List.of(tokenHash, key, path, bodyHash, now));
    if (inserted == 1) {
      return Optional.empty();
    }
    return sql
        .query(
            "SELECT body_hash, status, response, created_at FROM idempotent_request"
                + " WHERE token_hash = ? AND key = ? AND path = ?",
            List.of(tokenHash, key, path),
            rs ->
                new Claim(
                    rs.getString(1),
                    (Integer) rs.getObject(2),
                    rs.getString(3),
                    Listings.instant(rs, "created_at")))
        .stream()
        .findFirst();
  }

  public void finish(String tokenHash, String key, String path, int status, String response) {
    sql.update(
        "UPDATE idempotent_request SET status = ?, response = ? WHERE token_hash = ? AND key = ?"
            + " AND path = ?",
        java.util.Arrays.asList(status, response, tokenHash, key, path));
  }

  public void forget(String tokenHash, String key, String path) {
    sql.update(
        "DELETE FROM idempotent_request WHERE token_hash = ? AND key = ? AND path = ?",
        List.of(tokenHash, key, path));
  }
}
