package dev.hookflow.store;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Cursor lists and the statements the repositories cannot derive: SQL written here, rows mapped by
 * Micronaut Data ({@link JdbcOperations#readEntity}) or by the caller.
 *
 * <p>A cursor is the value of an ordered, unique text column (an id). {@code iterator} continues
 * after it in the list's order; {@code "-" + id} (a {@code prevIterator}) goes back before it.
 */
@Singleton
public class Listings {
  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final JdbcOperations jdbc;

  public Listings(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /** Maps rows of a {@code @MappedEntity} by its introspection. */
  public <T> RowMapper<T> entity(Class<T> type) {
    return rs -> jdbc.readEntity(rs, type);
  }

  /**
   * One page of {@code select} (a statement with a WHERE clause, no ORDER BY) ordered by {@code
   * cursorColumn}, newest (largest) first unless {@code ascending}.
   */
  public <T> Page<T> page(
      String select,
      List<Object> args,
      String cursorColumn,
      String iterator,
      int limit,
      boolean ascending,
      RowMapper<T> mapper,
      Function<T, String> cursorOf) {
    boolean back = iterator != null && iterator.startsWith("-");
    String from = back ? iterator.substring(1) : iterator;
    boolean scanAscending = ascending != back;
    StringBuilder sql = new StringBuilder(select);
    List<Object> all = new ArrayList<>(args);
    if (from != null && !from.isEmpty()) {
      sql.append(" AND ").append(cursorColumn).append(scanAscending ? " > ?" : " < ?");
      all.add(from);
    }
    sql.append(" ORDER BY ").append(cursorColumn).append(scanAscending ? " ASC" : " DESC");
    sql.append(" LIMIT ").append(limit + 1);
    List<T> rows = query(sql.toString(), all, mapper);
    boolean more = rows.size() > limit;
    if (more) {
      rows = new ArrayList<>(rows.subList(0, limit));
    }
    if (back) {
      Collections.reverse(rows);
    }
    String next = rows.isEmpty() ? from : cursorOf.apply(rows.get(rows.size() - 1));
    String prev = rows.isEmpty() ? iterator : "-" + cursorOf.apply(rows.get(0));
    return new Page<>(List.copyOf(rows), next, prev, back ? false : !more);
  }

  public <T> List<T> query(String sql, List<Object> args, RowMapper<T> mapper) {
    return jdbc.execute(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(connection, statement, args);
            try (ResultSet rs = statement.executeQuery()) {
              List<T> rows = new ArrayList<>();
              while (rs.next()) {
                rows.add(mapper.map(rs));
              }
              return rows;
            }
          }
        });
  }

  public int update(String sql, List<Object> args) {
    return jdbc.execute(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(connection, statement, args);
            return statement.executeUpdate();
          }
        });
  }

  /** Runs one statement once per argument list, as a JDBC batch. */
  public void batch(String sql, List<List<Object>> rows) {
    if (rows.isEmpty()) {
      return;
    }
    jdbc.execute(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (List<Object> args : rows) {
              bind(connection, statement, args);
              statement.addBatch();
            }
            statement.executeBatch();
            return null;
          }
        });
  }

  private static void bind(Connection connection, PreparedStatement statement, List<Object> args)
      throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object value = args.get(i);
      if (value instanceof Instant instant) {
        statement.setTimestamp(i + 1, Timestamp.from(instant));
      } else if (value instanceof String[] array) {
        statement.setArray(i + 1, connection.createArrayOf("text", array));
      } else {
        statement.setObject(i + 1, value);
      }
    }
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}
