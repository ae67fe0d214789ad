package dev.hookflow.hub.inbound.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the most recent events in this process's memory. Used with the embedded Temporal, which is
 * in memory too (the two are lost together) and has no visibility queries. Bounded: the oldest
 * events are forgotten first.
 */
public final class MemoryEventIndex implements EventIndex {
  private final Map<String, EventRecord> records;

  public MemoryEventIndex(int capacity) {
    this.records =
        new LinkedHashMap<>(1024, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, EventRecord> eldest) {
            return size() > capacity;
          }
        };
  }

  @Override
  public synchronized void record(EventRecord record) {
    String key = record.source() + "/" + record.eventId();
    EventRecord previous = records.get(key);
    // A redelivery answered "duplicate" must not hide what the first delivery started.
    if (previous == null
        || record.deliveries().stream()
            .anyMatch(
                d -> d.outcome() != dev.hookflow.hub.inbound.dispatch.Delivery.Outcome.DUPLICATE)) {
      records.put(key, record);
    }
  }

  @Override
  public synchronized Optional<EventRecord> find(String source, String eventId) {
    return Optional.ofNullable(records.get(source + "/" + eventId));
  }
}
