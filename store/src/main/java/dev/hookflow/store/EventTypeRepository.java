package dev.hookflow.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EventTypeRepository extends CrudRepository<EventTypeRow, String> {
  Optional<EventTypeRow> findByName(String name);
}
