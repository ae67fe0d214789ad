package dev.hookflow.workflows.eventlog;

import dev.hookflow.workflows.event.WebhookEvent;
import io.temporal.workflow.Workflow;

/**
 * Records the envelope through {@link EventLogActivities} and completes. Its activity runs under
 * the policy bound to {@code RecordEvent} ({@code local} by default).
 *
 * <p>Since version 1 of {@link #LOCAL_RECORD} the step is a local activity: it runs inside the
 * workflow's first task and is recorded as one marker, so a webhook costs one workflow task and
 * seven history events (the version marker among them) instead of two workflow tasks, an activity
 * task and eleven events (on a durable Temporal that is about half the writes). Runs started before
 * the change replay their activity.
 */
public class EventLogWorkflowImpl implements EventLogWorkflow {

  /** The change id of recording as a local activity. */
  public static final String LOCAL_RECORD = "record-as-local-activity";

  private final EventLogActivities activities = Workflow.newActivityStub(EventLogActivities.class);
  private final EventLogActivities local = Workflow.newLocalActivityStub(EventLogActivities.class);

  @Override
  public EventLogResult log(WebhookEvent event) {
    Workflow.setCurrentDetails("Recording " + event.type() + " from " + event.source());
    int version = Workflow.getVersion(LOCAL_RECORD, Workflow.DEFAULT_VERSION, 1);
    EventLogResult result =
        version == Workflow.DEFAULT_VERSION ? activities.record(event) : local.record(event);
    Workflow.setCurrentDetails("Recorded " + event.key());
    return result;
  }
}
