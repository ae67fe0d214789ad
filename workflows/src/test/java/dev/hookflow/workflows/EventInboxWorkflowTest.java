package dev.hookflow.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hookflow.workflows.inbox.EventInboxWorkflow;
import dev.hookflow.workflows.inbox.EventInboxWorkflowImpl;
import dev.hookflow.workflows.inbox.InboxResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventInboxWorkflowTest {
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    env.newWorker("q").registerWorkflowImplementationTypes(EventInboxWorkflowImpl.class);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void shouldIgnoreRepeatedEventsAndCloseAfterIdlePeriod() {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            EventInboxWorkflow.TYPE,
            WorkflowOptions.newBuilder().setTaskQueue("q").setWorkflowId("pr-7").build());
    var first = Events.event("github", "a", "pull_request");
    stub.signalWithStart(EventInboxWorkflow.SIGNAL, new Object[] {first}, new Object[] {first});
    stub.signal(EventInboxWorkflow.SIGNAL, Events.event("github", "b", "issue_comment"));
    stub.signal(EventInboxWorkflow.SIGNAL, Events.event("github", "b", "issue_comment"));
    env.sleep(Duration.ofMinutes(30));
    stub.signal(EventInboxWorkflow.SIGNAL, Events.event("github", "c", "pull_request"));
    InboxResult result = stub.getResult(InboxResult.class);
    assertEquals(List.of("github/a", "github/b", "github/c"), result.eventKeys());
    assertEquals(1, result.duplicatesIgnored());
  }
}
