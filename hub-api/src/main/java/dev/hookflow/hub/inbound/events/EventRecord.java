package dev.hookflow.hub.inbound.events;

import dev.hookflow.hub.inbound.dispatch.Delivery;
import java.util.List;

/** The deliveries one event produced. */
public record EventRecord(String source, String eventId, String type, List<Delivery> deliveries) {}
