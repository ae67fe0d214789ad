package dev.hookflow.workflows;

import dev.hookflow.workflows.eventlog.EventLogActivities;
import dev.hookflow.workflows.eventlog.EventLogResult;
import dev.hookflow.workflows.eventlog.EventLogWorkflow;
import dev.hookflow.workflows.eventlog.EventLogWorkflowImpl;
import dev.hookflow.workflows.inbox.EventInboxWorkflow;
import dev.hookflow.workflows.inbox.EventInboxWorkflowImpl;
import dev.hookflow.workflows.inbox.InboxResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Writes the histories {@link ReplayTest} replays. Runs only when asked to. */
@EnabledIfSystemProperty(named = "hookflow.record", matches = "true")
class RecordHistories {

  @Test
  void record() throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("q");
      worker.registerWorkflowImplementationTypes(
          EventLogWorkflowImpl.class, EventInboxWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          (EventLogActivities) e -> new EventLogResult(e.key(), e.type(), e.payload().size()));
      env.start();
      WorkflowClient client = env.getWorkflowClient();

      client
          .newWorkflowStub(
              EventLogWorkflow.class,
              WorkflowOptions.newBuilder().setTaskQueue("q").setWorkflowId("log").build())
          .log(Events.event("github", "d1", "push"));
      write(client, "log", "eventlog.json");

      WorkflowStub inbox =
          client.newUntypedWorkflowStub(
              EventInboxWorkflow.TYPE,
              WorkflowOptions.newBuilder().setTaskQueue("q").setWorkflowId("inbox").build());
      var first = Events.event("github", "a", "pull_request");
      inbox.signalWithStart(EventInboxWorkflow.SIGNAL, new Object[] {first}, new Object[] {first});
      inbox.signal(EventInboxWorkflow.SIGNAL, Events.event("github", "b", "issue_comment"));
      inbox.signal(EventInboxWorkflow.SIGNAL, Events.event("github", "b", "issue_comment"));
      env.sleep(Duration.ofMinutes(5));
      inbox.getResult(InboxResult.class);
      write(client, "inbox", "eventinbox.json");
    }
  }

  private static void write(WorkflowClient client, String workflowId, String file)
      throws Exception {
    Files.writeString(
        Path.of("src/test/resources/histories", file),
        client.fetchHistory(workflowId).toJson(true));
  }
}
