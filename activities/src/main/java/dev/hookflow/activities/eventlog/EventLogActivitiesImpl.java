package dev.hookflow.activities.eventlog;

import dev.hookflow.workflows.event.WebhookEvent;
import dev.hookflow.workflows.eventlog.EventLogActivities;
import dev.hookflow.workflows.eventlog.EventLogResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one line per event to the {@code hookflow.events} logger: source, type, event id and
 * payload size. Never the payload itself, which may hold personal data.
 */
public class EventLogActivitiesImpl implements EventLogActivities {

  private static final Logger LOG = LoggerFactory.getLogger("hookflow.events");

  @Override
  public EventLogResult record(WebhookEvent event) {
    int fields = event.payload() == null ? 0 : event.payload().size();
    LOG.info(
        "event {} type={} route={} fields={}", event.key(), event.type(), event.route(), fields);
    return new EventLogResult(event.key(), event.type(), fields);
  }
}
