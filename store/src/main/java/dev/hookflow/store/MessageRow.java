package dev.hookflow.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;

/** A published message; {@code payload} is the exact JSON text every delivery sends. */
@MappedEntity("message")
public record MessageRow(
    @Id String id,
    String appId,
    @Nullable String eventId,
    String eventType,
    @Nullable @TypeDef(type = DataType.STRING_ARRAY) String[] channels,
    @Nullable String payload,
    Instant createdAt) {}
