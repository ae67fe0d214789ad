package dev.hookflow.workflows.eventlog;

import dev.hookflow.workflows.event.WebhookEvent;
import io.temporal.workflow.Workflow;

/**
 * Records the envelope through {@link EventLogActivities} and completes. Its activity runs under
 * the policy bound to {@code RecordEvent} ({@code local} by default).
 */
public class EventLogWorkflowImpl implements EventLogWorkflow {

  private final EventLogActivities activities = Workflow.newActivityStub(EventLogActivities.class);

  @Override
  public EventLogResult log(WebhookEvent event) {
    Workflow.setCurrentDetails("Recording " + event.type() + " from " + event.source());
    EventLogResult result = activities.record(event);
    Workflow.setCurrentDetails("Recorded " + event.key());
    return result;
  }
}
