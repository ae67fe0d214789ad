package dev.hookflow.workflows.inbox;

import dev.hookflow.workflows.event.WebhookEvent;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** See {@link EventInboxWorkflow}. */
public class EventInboxWorkflowImpl implements EventInboxWorkflow {

  private final Set<String> keys = new LinkedHashSet<>();
  private int received;
  private int duplicates;

  @Override
  public InboxResult collect(WebhookEvent first) {
    // With signal-with-start the signal carrying the same event is handled before this method runs.
    if (first != null && !keys.contains(first.key())) {
      accept(first);
    }
    int handled = received;
    while (true) {
      int before = handled;
      if (!Workflow.await(IDLE, () -> received != before)) {
        break;
      }
      handled = received;
    }
    return new InboxResult(List.copyOf(keys), duplicates);
  }

  @Override
  public void event(WebhookEvent event) {
    accept(event);
  }

  @Override
  public List<String> eventKeys() {
    return new ArrayList<>(keys);
  }

  private void accept(WebhookEvent event) {
    received++;
    if (keys.add(event.key())) {
      Workflow.setCurrentDetails(keys.size() + " events, last " + event.type());
    } else {
      duplicates++;
    }
  }
}
