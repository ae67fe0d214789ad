package dev.hookflow.workflows.eventlog;

import dev.hookflow.workflows.event.WebhookEvent;
import dev.hookflow.workflows.policy.ActivityPolicies;
import io.temporal.workflow.Workflow;

/** Records the envelope through {@link EventLogActivities} and completes. */
public class EventLogWorkflowImpl implements EventLogWorkflow {

  private final EventLogActivities activities =
      Workflow.newActivityStub(EventLogActivities.class, ActivityPolicies.LOCAL_RECORD);

  @Override
  public EventLogResult log(WebhookEvent event) {
    Workflow.setCurrentDetails("Recording " + event.type() + " from " + event.source());
    EventLogResult result = activities.record(event);
    Workflow.setCurrentDetails("Recorded " + event.key());
    return result;
  }
}
