package dev.hookflow.workflows.inbox;

import dev.hookflow.workflows.event.WebhookEvent;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Collects the events of one business key (a pull request, an order) in one workflow: started by
 * the first event, further events arrive as {@code event} signals. A repeated event (same source
 * and event id) is ignored. Completes after {@link #IDLE} without a new event.
 */
@WorkflowInterface
public interface EventInboxWorkflow {
  String TYPE = "EventInbox";
  String SIGNAL = "event";

  /** How long the inbox stays open without a new event. */
  java.time.Duration IDLE = java.time.Duration.ofHours(1);

  @WorkflowMethod(name = TYPE)
  InboxResult collect(WebhookEvent first);

  @SignalMethod(name = SIGNAL)
  void event(WebhookEvent event);

  /** Keys ({@code source/eventId}) of the events received so far, in arrival order. */
  @QueryMethod(name = "eventKeys")
  List<String> eventKeys();
}
