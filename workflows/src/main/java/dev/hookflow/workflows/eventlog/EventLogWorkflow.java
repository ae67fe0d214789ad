package dev.hookflow.workflows.eventlog;

import dev.hookflow.workflows.event.WebhookEvent;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The demo integration that ships with the hub: records the envelope of one event and completes.
 * The fallback route starts it for any event that no configured route matches.
 */
@WorkflowInterface
public interface EventLogWorkflow {
  /** The workflow type name routes refer to ({@code start: EventLog}). */
  String TYPE = "EventLog";

  @WorkflowMethod(name = TYPE)
  EventLogResult log(WebhookEvent event);
}
