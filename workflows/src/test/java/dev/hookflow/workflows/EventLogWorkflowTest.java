package dev.hookflow.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hookflow.workflows.event.WebhookEvent;
import dev.hookflow.workflows.eventlog.EventLogActivities;
import dev.hookflow.workflows.eventlog.EventLogResult;
import dev.hookflow.workflows.eventlog.EventLogWorkflow;
import dev.hookflow.workflows.eventlog.EventLogWorkflowImpl;
import dev.hookflow.workflows.policy.PolicyOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventLogWorkflowTest {
  private TestWorkflowEnvironment env;
  private Worker worker;

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    worker = env.newWorker("q");
    worker.registerWorkflowImplementationTypes(
        PolicyOptions.defaults(), EventLogWorkflowImpl.class);
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void shouldRecordEventThroughActivityAndRetryUntilItSucceeds() {
    AtomicInteger attempts = new AtomicInteger();
    worker.registerActivitiesImplementations(
        (EventLogActivities)
            event -> {
              if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("log sink down");
              }
              return new EventLogResult(event.key(), event.type(), event.payload().size());
            });
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    EventLogWorkflow workflow =
        client.newWorkflowStub(
            EventLogWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue("q").setWorkflowId("log-1").build());
    WebhookEvent event = Events.event("github", "d1", "push");
    EventLogResult result = workflow.log(event);
    assertEquals(new EventLogResult("github/d1", "push", 2), result);
    assertEquals(3, attempts.get());

    // A local activity: retried inside the worker, recorded once, in one workflow task.
    java.util.List<EventType> types =
        client.fetchHistory("log-1").getEvents().stream().map(e -> e.getEventType()).toList();
    assertEquals(
        1, types.stream().filter(t -> t == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED).count());
    assertEquals(
        0, types.stream().filter(t -> t == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).count());
    // The version marker and the local activity's marker.
    assertEquals(2, types.stream().filter(t -> t == EventType.EVENT_TYPE_MARKER_RECORDED).count());
  }
}
