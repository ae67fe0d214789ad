package dev.hookflow.workflows.relay;

import java.util.List;

/** Every destination accepted the event; one receipt each, in the route's order. */
public record RelayResult(List<DeliveryReceipt> receipts) {}
