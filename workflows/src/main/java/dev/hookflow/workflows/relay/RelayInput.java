package dev.hookflow.workflows.relay;

import dev.hookflow.workflows.event.WebhookEvent;
import java.util.List;

/**
 * What to relay and where.
 *
 * @param event the received event; its payload is what destinations get
 * @param targets the route's destinations, each retried on its own policy
 */
public record RelayInput(WebhookEvent event, List<RelayTarget> targets) {}
