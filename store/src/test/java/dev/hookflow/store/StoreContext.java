package dev.hookflow.store;

import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.util.Map;
import javax.sql.DataSource;

/**
 * For tests of the store and of what uses it without the hub: a Micronaut context with the
 * repositories on a fresh database of the JVM's embedded PostgreSQL. Closing it drops the database.
 */
public final class StoreContext {
  private StoreContext() {}

  public static ApplicationContext start() {
    EmbeddedDatabase database = EmbeddedDatabase.throwaway();
    ApplicationContext context =
        ApplicationContext.builder()
            .properties(Map.of("datasources.default.dialect", "POSTGRES"))
            .build();
    context.registerSingleton(
        DataSource.class, database.dataSource(), Qualifiers.byName("default"));
    context.registerSingleton(
        AutoCloseable.class, database, Qualifiers.byName("hookflow-test-database"));
    context.start();
    return context;
  }
}
