package dev.hookflow.store;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** The state of one message at one endpoint (the reference's MessageStatus numbers). */
@Introspected
public record DestinationRow(
    String msgId,
    String endpointId,
    String appId,
    int status,
    @Nullable Instant nextAttempt,
    Instant updatedAt) {

  public static final int SUCCESS = 0;
  public static final int PENDING = 1;
  public static final int FAIL = 2;
  public static final int SENDING = 3;
}
