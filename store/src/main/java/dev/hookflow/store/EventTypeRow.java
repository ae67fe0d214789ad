package dev.hookflow.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** An event type of the catalogue; {@code schemas} is the JSON object of schemas by version. */
@MappedEntity("event_type")
public record EventTypeRow(
    @Id String id,
    String name,
    String description,
    @Nullable String schemas,
    boolean archived,
    boolean deprecated,
    @Nullable String featureFlag,
    Instant createdAt,
    Instant updatedAt) {

  /** The same event type, archived. */
  public EventTypeRow archive(Instant now) {
    return new EventTypeRow(
        id, name, description, schemas, true, deprecated, featureFlag, createdAt, now);
  }
}
