package dev.hookflow.hub.platform.database;

import dev.hookflow.hub.platform.config.TemporalConfig;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/** The {@code default} data source the store's repositories use. */
@Factory
public class DatabaseFactory {
  @Singleton
  @Bean(preDestroy = "close")
  HubDatabase database(DatabaseConfig config, TemporalConfig temporal) {
    return HubDatabase.open(config, temporal);
  }

  @Singleton
  @Named("default")
  DataSource dataSource(HubDatabase database) {
    return database.dataSource();
  }
}
