package dev.hookflow.workflows.relay;

import dev.hookflow.workflows.event.WebhookEvent;

/**
 * One event to one destination.
 *
 * @param route the relay route, which owns the destination
 * @param destination the destination's name
 * @param event the event whose payload is sent
 */
public record RelayDelivery(String route, String destination, WebhookEvent event) {}
