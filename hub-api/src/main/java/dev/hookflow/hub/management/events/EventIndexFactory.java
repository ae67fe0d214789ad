package dev.hookflow.hub.management.events;

import dev.hookflow.hub.inbound.events.EventIndex;
import dev.hookflow.hub.inbound.events.MemoryEventIndex;
import dev.hookflow.hub.platform.temporal.TemporalConnection;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * Picks the event index: {@code hookflow.events.index} = {@code auto} (memory with the embedded
 * Temporal, visibility otherwise), {@code memory} or {@code visibility}.
 */
@Factory
public class EventIndexFactory {

  @Singleton
  EventIndex eventIndex(
      TemporalConnection connection,
      WorkflowClient client,
      @Value("${hookflow.events.index:auto}") String kind,
      @Value("${hookflow.events.memory-capacity:50000}") int capacity) {
    return switch (kind.toLowerCase(Locale.ROOT)) {
      case "memory" -> new MemoryEventIndex(capacity);
      case "visibility" -> new VisibilityEventIndex(client, capacity);
      case "auto" ->
          connection.embedded()
              ? new MemoryEventIndex(capacity)
              : new VisibilityEventIndex(client, capacity);
      default ->
          throw new io.micronaut.context.exceptions.ConfigurationException(
              "hookflow.events.index must be auto, memory or visibility");
    };
  }
}
