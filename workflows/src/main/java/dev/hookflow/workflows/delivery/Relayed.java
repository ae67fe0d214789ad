package dev.hookflow.workflows.delivery;

import dev.hookflow.workflows.policy.Policy;

/**
 * What makes a delivery a relay route's: the destination it goes to and the received webhook it
 * forwards. Such a delivery retries on the destination's policy instead of a schedule, takes 4xx
 * answers (but 408, 409, 425, 429) as final, sends the webhook's {@code <source>-<event id>} as
 * {@code webhook-id} with {@code Hookflow-Source} and {@code Hookflow-Event-Type}, and goes to a
 * URL from the hub's own configuration (trusted, unlike a subscriber's).
 *
 * @param route the relay route
 * @param destination the destination's name in the route
 * @param source the webhook's source
 * @param eventType the webhook's event type
 * @param policy the destination's retry policy
 */
public record Relayed(
    String route, String destination, String source, String eventType, Policy policy) {}
