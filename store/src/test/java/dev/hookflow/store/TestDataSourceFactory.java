package dev.hookflow.store;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/** The store's tests: a fresh database on the JVM's embedded PostgreSQL per context. */
@Factory
class TestDataSourceFactory {
  @Singleton
  @Named("default")
  @Bean(preDestroy = "close")
  EmbeddedDatabase database() {
    return EmbeddedDatabase.throwaway();
  }

  @Singleton
  @Named("default")
  DataSource dataSource(@Named("default") EmbeddedDatabase database) {
    return database.dataSource();
  }
}
