package dev.hookflow.workflows.relay;

import java.util.Map;

/**
 * A relayed event stored as a message of its route's application, ready for one {@code Delivery}
 * per destination.
 *
 * @param appId the route's application (configured, uid {@code relay-<route>})
 * @param msgId the message holding the event's payload
 * @param webhookId what receivers get as {@code webhook-id}: {@code <source>-<event id>}
 * @param endpoints endpoint id by destination name
 * @param attemptTimeoutSeconds the hub's request timeout
 */
public record PreparedRelay(
    String appId,
    String msgId,
    String webhookId,
    Map<String, String> endpoints,
    long attemptTimeoutSeconds) {}
