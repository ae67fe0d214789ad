package dev.hookflow.workflows.relay;

import dev.hookflow.workflows.policy.Policy;

/**
 * One destination of a relay route. Its URL, extra headers and signing secret stay in the hub's
 * configuration (they may hold credentials) and are looked up by name when delivering.
 *
 * @param name the destination's name within its route
 * @param policy the retry policy of deliveries to it
 */
public record RelayTarget(String name, Policy policy) {}
