package dev.hookflow.hub.inbound.dispatch;

import dev.hookflow.hub.platform.temporal.GrpcStatus;
import dev.hookflow.workflows.event.WebhookEvent;
import io.grpc.Status;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.common.converter.DataConverter;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a workflow's runs already hold, read only on the rare paths where a start or signal found
 * its id taken or its workflow closed: which event started a run, whether a run received an event.
 */
final class RunHistory {
  private final WorkflowClient client;

  RunHistory(WorkflowClient client) {
    this.client = client;
  }

  /**
   * {@code source/eventId} of the event that started the run (from its memo), empty when the run is
   * gone or was not started by the hub.
   */
  Optional<String> heldBy(String workflowId, String runId) {
    try {
      WorkflowExecutionDescription description =
          client
              .newUntypedWorkflowStub(workflowId, Optional.of(runId), Optional.empty())
              .describe();
      String source =
          description.getMemo(
              dev.hookflow.workflows.event.MemoKeys.SOURCE, String.class, String.class);
      String eventId =
          description.getMemo(
              dev.hookflow.workflows.event.MemoKeys.EVENT_ID, String.class, String.class);
      return source == null || eventId == null
          ? Optional.empty()
          : Optional.of(source + "/" + eventId);
    } catch (RuntimeException e) {
      if (notFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * The run id when the latest run of {@code workflowId} (now closed) already received this event
   * as {@code signal}: a redelivery after the workflow ended is a duplicate, not an event to
   * record. Reads that run's history, which only happens on this rare not-running path.
   */
  Optional<String> signaledBefore(String workflowId, String signal, String eventId) {
    DataConverter converter = client.getOptions().getDataConverter();
    try (Stream<HistoryEvent> history = client.streamHistory(workflowId)) {
      return history
          .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
          .map(HistoryEvent::getWorkflowExecutionSignaledEventAttributes)
          .filter(a -> a.getSignalName().equals(signal) && a.hasInput())
          .filter(
              a ->
                  eventId.equals(
                      converter
                          .fromPayloads(
                              0, Optional.of(a.getInput()), WebhookEvent.class, WebhookEvent.class)
                          .eventId()))
          .findFirst()
          .map(a -> runIdOf(workflowId));
    } catch (RuntimeException e) {
      if (notFound(e)) {
        return Optional.empty(); // never started, or its history is past retention
      }
      throw e;
    }
  }

  private String runIdOf(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
  }

  static boolean notFound(Throwable e) {
    return e instanceof WorkflowNotFoundException || GrpcStatus.is(e, Status.Code.NOT_FOUND);
  }
}
