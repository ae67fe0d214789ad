package dev.hookflow.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One request to an endpoint (or one refused before it was sent). {@code status} is 0 (success) or
 * 2 (fail); {@code responseStatusCode} 0 when no response came; {@code triggerType} 0 scheduled, 1
 * manual; {@code deliveryId} names the delivery workflow run that made it.
 */
@MappedEntity("message_attempt")
public record AttemptRow(
    @Id String id,
    String attemptKey,
    String deliveryId,
    String msgId,
    String endpointId,
    String appId,
    String url,
    int status,
    int responseStatusCode,
    String response,
    long responseDurationMs,
    @Nullable String errorKind,
    int triggerType,
    Instant createdAt) {}
