package dev.hookflow.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** An application: one customer (tenant) whose endpoints receive its messages. */
@MappedEntity("application")
public record ApplicationRow(
    @Id String id,
    @Nullable String uid,
    String name,
    String metadata,
    @Nullable Integer throttleRate,
    Instant createdAt,
    Instant updatedAt) {}
