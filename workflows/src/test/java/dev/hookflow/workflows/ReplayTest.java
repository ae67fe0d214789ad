package dev.hookflow.workflows;

import dev.hookflow.workflows.eventlog.EventLogWorkflowImpl;
import dev.hookflow.workflows.inbox.EventInboxWorkflowImpl;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

/**
 * Replays recorded histories (src/test/resources/histories) against today's code: a change that
 * breaks determinism for running workflows fails here. Re-record with {@code ./mvnw -pl workflows
 * test -Dtest=RecordHistories -Dhookflow.record=true}.
 */
class ReplayTest {

  @Test
  void shouldReplayEventLogHistory() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/eventlog.json", EventLogWorkflowImpl.class);
  }

  @Test
  void shouldReplayEventInboxHistory() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/eventinbox.json", EventInboxWorkflowImpl.class);
  }
}
