package dev.hookflow.hub.inbound.events;

import java.util.Optional;

/** Finds the deliveries of an event by source and event id. */
public interface EventIndex {

  /** Remembers what intake did; a no-op where Temporal itself is the index. */
  void record(EventRecord record);

  /**
   * @return the event's deliveries, or empty when this index knows no such event
   */
  Optional<EventRecord> find(String source, String eventId);
}
