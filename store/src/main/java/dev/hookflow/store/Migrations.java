package dev.hookflow.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The schema: Flyway migrations under {@code db/migration} of this module. */
public final class Migrations {
  private Migrations() {}

  /** Brings the database to the newest schema; returns how many migrations ran. */
  public static int migrate(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load()
        .migrate()
        .migrationsExecuted;
  }
}
