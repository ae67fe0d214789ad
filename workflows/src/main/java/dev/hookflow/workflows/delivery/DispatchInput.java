package dev.hookflow.workflows.delivery;

/**
 * A published message to fan out: ids only (the message and the endpoints live in PostgreSQL).
 * {@code afterEndpointId} and {@code started} carry the progress across continue-as-new.
 */
public record DispatchInput(String appId, String msgId, String afterEndpointId, int started) {
  public static DispatchInput of(String appId, String msgId) {
    return new DispatchInput(appId, msgId, null, 0);
  }
}
