package dev.hookflow.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AttemptRepository extends CrudRepository<AttemptRow, String> {
  Optional<AttemptRow> findByAttemptKey(String attemptKey);

  long countByDeliveryId(String deliveryId);

  Optional<AttemptRow> findByIdAndMsgId(String id, String msgId);
}
