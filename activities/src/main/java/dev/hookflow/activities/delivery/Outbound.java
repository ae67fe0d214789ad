package dev.hookflow.activities.delivery;

import dev.hookflow.store.AttemptRepository;
import dev.hookflow.store.ConfiguredApplications;
import dev.hookflow.store.Destinations;
import dev.hookflow.store.EndpointRepository;
import dev.hookflow.store.MessageRepository;

/**
 * What the outbound activities use: the store, the starter, the sender, the settings, and the
 * applications the configuration defines (relay routes).
 */
public record Outbound(
    MessageRepository messages,
    EndpointRepository endpoints,
    AttemptRepository attempts,
    Destinations destinations,
    DeliveryStarter starter,
    FanOut fanOut,
    WebhookSender sender,
    OutboundSettings settings,
    ConfiguredApplications configured) {}
