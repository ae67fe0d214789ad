package dev.hookflow.hub.platform.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hookflow.hub.platform.config.TemporalConfig;
import dev.hookflow.store.EmbeddedDatabase;
import dev.hookflow.store.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's PostgreSQL: a pool over an external server ({@code HOOKFLOW_DATABASE_URL}) or over the
 * embedded one, migrated to the newest schema before the first query.
 */
public final class HubDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HubDatabase.class);

  private final HikariDataSource pool;
  private final EmbeddedDatabase embedded;
  private final String description;

  private HubDatabase(HikariDataSource pool, EmbeddedDatabase embedded, String description) {
    this.pool = pool;
    this.embedded = embedded;
    this.description = description;
  }

  public static HubDatabase open(DatabaseConfig config, TemporalConfig temporal) {
    if (config.external()) {
      HikariDataSource pool = pool(config.getUrl(), config.getUser(), config.getPassword(), config);
      int ran = Migrations.migrate(pool);
      String where = withoutCredentials(config.getUrl());
      LOG.info("Database: PostgreSQL at {} ({} migration(s) ran)", where, ran);
      return new HubDatabase(pool, null, where);
    }
    boolean throwaway =
        temporal.isEmbedded() || config.getDataDir() == null || config.getDataDir().isBlank();
    EmbeddedDatabase embedded =
        throwaway
            ? EmbeddedDatabase.throwaway()
            : EmbeddedDatabase.kept(Path.of(config.getDataDir()).toAbsolutePath());
    if (throwaway) {
      LOG.info(
          "Database: embedded PostgreSQL, throwaway like the embedded Temporal (set"
              + " TEMPORAL_ADDRESS, or ./hub run --temporal dev, to keep data)");
    }
    HikariDataSource pool = pool(embedded.jdbcUrl(), embedded.user(), null, config);
    return new HubDatabase(pool, embedded, "embedded PostgreSQL, " + embedded.database());
  }

  private static HikariDataSource pool(
      String url, String user, String password, DatabaseConfig config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(url);
    if (user != null && !user.isBlank()) {
      hikari.setUsername(user);
    }
    if (password != null && !password.isBlank()) {
      hikari.setPassword(password);
    }
    hikari.setMaximumPoolSize(config.getPoolSize());
    hikari.setPoolName("hookflow");
    // Start even when the database is down; queries fail (503) until it is back.
    hikari.setInitializationFailTimeout(-1);
    hikari.setConnectionTimeout(5_000);
    return new HikariDataSource(hikari);
  }

  /** The URL without user info or parameters (which may hold a password), for logs. */
  static String withoutCredentials(String url) {
    String out = url.replaceAll("//[^/@]*@", "//");
    int query = out.indexOf('?');
    return query < 0 ? out : out.substring(0, query);
  }

  public DataSource dataSource() {
    return pool;
  }

  public String description() {
    return description;
  }

  /** Whether the database answers a trivial query within two seconds. */
  public boolean up() {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(2);
      statement.execute("SELECT 1");
      return true;
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    pool.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
