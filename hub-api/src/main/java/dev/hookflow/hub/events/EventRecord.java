package dev.hookflow.hub.events;

import dev.hookflow.hub.route.Delivery;
import java.util.List;

/** The deliveries one event produced. */
public record EventRecord(String source, String eventId, String type, List<Delivery> deliveries) {}
