package dev.hookflow.workflows.eventlog;

import dev.hookflow.workflows.event.WebhookEvent;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Records an event outside the workflow (the hub's log). */
@ActivityInterface
public interface EventLogActivities {
  @ActivityMethod(name = "RecordEvent")
  EventLogResult record(WebhookEvent event);
}
