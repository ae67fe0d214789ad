package dev.hookflow.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;

/**
 * A subscriber's endpoint. {@code filterTypes} and {@code channels} null mean "all"; {@code
 * headers} and {@code metadata} are JSON objects; {@code previousSecret} still signs until {@code
 * previousSecretExpires} after a rotation.
 */
@MappedEntity("endpoint")
public record EndpointRow(
    @Id String id,
    String appId,
    @Nullable String uid,
    String url,
    String description,
    boolean disabled,
    @Nullable @TypeDef(type = DataType.STRING_ARRAY) String[] filterTypes,
    @Nullable @TypeDef(type = DataType.STRING_ARRAY) String[] channels,
    @Nullable Integer rateLimit,
    String metadata,
    String headers,
    String secret,
    @Nullable String previousSecret,
    @Nullable Instant previousSecretExpires,
    Instant createdAt,
    Instant updatedAt) {

  /** The same endpoint with a new signing secret; {@code previous} signs beside it until then. */
  public EndpointRow withSecret(
      String secret, String previous, Instant previousExpires, Instant now) {
    return new EndpointRow(
        id,
        appId,
        uid,
        url,
        description,
        disabled,
        filterTypes,
        channels,
        rateLimit,
        metadata,
        headers,
        secret,
        previous,
        previousExpires,
        createdAt,
        now);
  }

  /** The same endpoint with other custom headers (a JSON object). */
  public EndpointRow withHeaders(String headers, Instant now) {
    return new EndpointRow(
        id,
        appId,
        uid,
        url,
        description,
        disabled,
        filterTypes,
        channels,
        rateLimit,
        metadata,
        headers,
        secret,
        previousSecret,
        previousSecretExpires,
        createdAt,
        now);
  }
}
