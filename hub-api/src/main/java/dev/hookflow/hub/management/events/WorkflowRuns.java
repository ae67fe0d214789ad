package dev.hookflow.hub.management.events;

import dev.hookflow.hub.platform.config.HookflowConfig;
import dev.hookflow.hub.platform.error.ProblemException;
import dev.hookflow.hub.platform.temporal.GrpcStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.HistoryEventFilterType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;

/** Reads single workflow runs (state, failure, history) through the Temporal service API. */
@Singleton
public class WorkflowRuns {

  /** A run's status and, when it did not complete, why. */
  public record RunState(String status, String failure) {
    public boolean running() {
      return "running".equals(status);
    }
  }

  private final WorkflowServiceStubs stubs;
  private final String namespace;
  private final int retryAfterSeconds;

  public WorkflowRuns(WorkflowServiceStubs stubs, WorkflowClient client, HookflowConfig hub) {
    this.stubs = stubs;
    this.namespace = client.getOptions().getNamespace();
    this.retryAfterSeconds = hub.getRetryAfterSeconds();
  }

  /** The run's state; {@code not_found} when Temporal no longer has it. */
  public RunState state(String workflowId, String runId) {
    WorkflowExecution execution = execution(workflowId, runId);
    WorkflowExecutionStatus status;
    try {
      status =
          stubs
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(namespace)
                      .setExecution(execution)
                      .build())
              .getWorkflowExecutionInfo()
              .getStatus();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return new RunState("not_found", null);
      }
      throw unavailable(e);
    }
    String name = statusName(status);
    return new RunState(name, failureOf(execution, status));
  }

  /** The reason a closed run did not complete, from its close event; null when it completed. */
  private String failureOf(WorkflowExecution execution, WorkflowExecutionStatus status) {
    if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED
        && status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT
        && status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED
        && status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED) {
      return null;
    }
    List<HistoryEvent> events =
        history(execution, HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT, 1);
    if (events.isEmpty()) {
      return null;
    }
    HistoryEvent close = events.get(events.size() - 1);
    if (close.hasWorkflowExecutionFailedEventAttributes()) {
      return message(close.getWorkflowExecutionFailedEventAttributes().getFailure());
    }
    if (close.hasWorkflowExecutionTerminatedEventAttributes()) {
      return "terminated: " + close.getWorkflowExecutionTerminatedEventAttributes().getReason();
    }
    if (close.hasWorkflowExecutionTimedOutEventAttributes()) {
      return "timed out";
    }
    return statusName(status);
  }

  private static String message(Failure failure) {
    String message = failure.getMessage();
    Failure cause = failure;
    // An activity failure's own message is generic; the innermost one names the downstream.
    while (cause.hasCause()) {
      cause = cause.getCause();
      if (cause.hasApplicationFailureInfo()) {
        message = message + " (cause: " + cause.getMessage() + ")";
        break;
      }
    }
    return message;
  }

  /** Every event of the run's history, page by page. */
  public List<HistoryEvent> wholeHistory(WorkflowExecution execution) {
    List<HistoryEvent> events = new java.util.ArrayList<>();
    com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
    try {
      do {
        var response =
            stubs
                .blockingStub()
                .getWorkflowExecutionHistory(
                    GetWorkflowExecutionHistoryRequest.newBuilder()
                        .setNamespace(namespace)
                        .setExecution(execution)
                        .setNextPageToken(page)
                        .build());
        events.addAll(response.getHistory().getEventsList());
        page = response.getNextPageToken();
      } while (!page.isEmpty());
    } catch (StatusRuntimeException e) {
      throw unavailable(e);
    }
    return events;
  }

  /** The first page of the run's history with this filter; empty when Temporal has no such run. */
  public List<HistoryEvent> history(
      WorkflowExecution execution, HistoryEventFilterType filter, int pageSize) {
    try {
      return stubs
          .blockingStub()
          .getWorkflowExecutionHistory(
              GetWorkflowExecutionHistoryRequest.newBuilder()
                  .setNamespace(namespace)
                  .setExecution(execution)
                  .setHistoryEventFilterType(filter)
                  .setMaximumPageSize(pageSize)
                  .build())
          .getHistory()
          .getEventsList();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return List.of();
      }
      throw unavailable(e);
    }
  }

  public static WorkflowExecution execution(String workflowId, String runId) {
    WorkflowExecution.Builder execution = WorkflowExecution.newBuilder().setWorkflowId(workflowId);
    if (runId != null) {
      execution.setRunId(runId);
    }
    return execution.build();
  }

  public static String statusName(WorkflowExecutionStatus status) {
    return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(Locale.ROOT);
  }

  /** Temporal's refusal as the API's problem ({@link GrpcStatus#problem}). */
  public ProblemException unavailable(StatusRuntimeException e) {
    return GrpcStatus.problem(e, retryAfterSeconds);
  }
}
