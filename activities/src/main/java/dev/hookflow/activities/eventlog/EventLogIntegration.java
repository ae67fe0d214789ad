package dev.hookflow.activities.eventlog;

import dev.hookflow.activities.Integration;
import dev.hookflow.workflows.eventlog.EventLogWorkflowImpl;
import dev.hookflow.workflows.inbox.EventInboxWorkflowImpl;
import java.util.List;

/**
 * Keeping events: {@code EventLog} (records one event) and {@code EventInbox} (collects a key's).
 */
public final class EventLogIntegration implements Integration {
  @Override
  public List<Class<?>> workflows() {
    return List.of(EventLogWorkflowImpl.class, EventInboxWorkflowImpl.class);
  }

  @Override
  public List<Object> activities(Wiring wiring) {
    return List.of(new EventLogActivitiesImpl());
  }
}
