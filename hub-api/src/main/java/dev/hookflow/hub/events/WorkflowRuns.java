package dev.hookflow.hub.events;

import dev.hookflow.hub.error.ProblemCode;
import dev.hookflow.hub.error.ProblemException;
import dev.hookflow.hub.route.Delivery;
import dev.hookflow.hub.route.WorkflowDispatcher;
import dev.hookflow.workflows.event.SearchAttributeNames;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.HistoryEventFilterType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.sdk.v1.UserMetadata;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Reads and restarts single workflow runs through the Temporal service API. */
final class WorkflowRuns {

  /** A run's status and, when it did not complete, why. */
  record RunState(String status, String failure) {
    boolean running() {
      return "running".equals(status);
    }
  }

  private final WorkflowServiceStubs stubs;
  private final String namespace;
  private final int retryAfterSeconds;

  WorkflowRuns(WorkflowServiceStubs stubs, String namespace, int retryAfterSeconds) {
    this.stubs = stubs;
    this.namespace = namespace;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The run's state; {@code not_found} when Temporal no longer has it. */
  RunState state(String workflowId, String runId) {
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

  /** What a replay started: the workflow id (the target of a recorded event) and its new run. */
  record Replayed(String workflowId, String runId) {}

  /**
   * The workflow id a replay of this run starts: the run's own, or for an event recorded because a
   * start route's id was held by another event, the id it was meant for.
   */
  String replayTarget(String workflowId, String runId) {
    WorkflowExecutionStartedEventAttributes attributes =
        started(workflowId, runId).getWorkflowExecutionStartedEventAttributes();
    return target(attributes).orElse(workflowId);
  }

  private static java.util.Optional<String> target(WorkflowExecutionStartedEventAttributes start) {
    Payload type = start.getMemo().getFieldsMap().get(WorkflowDispatcher.MEMO_TARGET_TYPE);
    Payload target = start.getMemo().getFieldsMap().get(WorkflowDispatcher.MEMO_TARGET);
    if (type == null || target == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        DataConverter.getDefaultInstance().fromPayload(target, String.class, String.class));
  }

  private HistoryEvent started(String workflowId, String runId) {
    List<HistoryEvent> first =
        history(
            execution(workflowId, runId),
            HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT,
            1);
    if (first.isEmpty() || !first.get(0).hasWorkflowExecutionStartedEventAttributes()) {
      throw new ProblemException(
          ProblemCode.EVENT_NOT_FOUND, "Temporal no longer has the history of " + workflowId);
    }
    return first.get(0);
  }

  /**
   * Starts the run's workflow again under the same id, with the same type, task queue, input,
   * search attributes and memo, the reason and the replayed run recorded in the memo and shown in
   * the UI's summary. A run that recorded an event a start route could not start (its id was held
   * by another event) is replayed as that start: the route's workflow type at the id it was meant
   * for, now that the holder has closed.
   *
   * @return the workflow id and new run id
   * @throws ProblemException {@code replay_conflict} when a run of the id is open
   */
  Replayed replay(String workflowId, String runId, String reason) {
    WorkflowExecution original = execution(workflowId, runId);
    HistoryEvent started = started(workflowId, runId);
    WorkflowExecutionStartedEventAttributes attributes =
        started.getWorkflowExecutionStartedEventAttributes();
    DataConverter converter = DataConverter.getDefaultInstance();
    Memo.Builder memo =
        attributes.getMemo().toBuilder()
            .putFields("replayOf", payload(converter, attributes.getOriginalExecutionRunId()))
            .putFields("replayReason", payload(converter, reason));
    String summary = "replay (" + reason + ")";
    if (started.getUserMetadata().hasSummary()) {
      summary =
          converter.fromPayload(started.getUserMetadata().getSummary(), String.class, String.class)
              + " — "
              + summary;
    }
    Payloads input = attributes.getInput();
    if (RelayReplay.applies(attributes.getWorkflowType().getName())) {
      input = RelayReplay.undeliveredOnly(input, wholeHistory(original));
    }
    String startId = workflowId;
    io.temporal.api.common.v1.WorkflowType type = attributes.getWorkflowType();
    io.temporal.api.taskqueue.v1.TaskQueue taskQueue = attributes.getTaskQueue();
    io.temporal.api.common.v1.SearchAttributes searchAttributes = attributes.getSearchAttributes();
    java.util.Optional<String> target = target(attributes);
    if (target.isPresent()) {
      Map<String, Payload> fields = attributes.getMemo().getFieldsMap();
      startId = target.get();
      type =
          io.temporal.api.common.v1.WorkflowType.newBuilder()
              .setName(text(fields.get(WorkflowDispatcher.MEMO_TARGET_TYPE)))
              .build();
      taskQueue =
          io.temporal.api.taskqueue.v1.TaskQueue.newBuilder()
              .setName(text(fields.get(WorkflowDispatcher.MEMO_TARGET_TASK_QUEUE)))
              .build();
      Payload started2 = payload(converter, Delivery.Outcome.STARTED.wire());
      memo.removeFields(WorkflowDispatcher.MEMO_TARGET)
          .removeFields(WorkflowDispatcher.MEMO_TARGET_TYPE)
          .removeFields(WorkflowDispatcher.MEMO_TARGET_TASK_QUEUE)
          .putFields(WorkflowDispatcher.MEMO_DELIVERY, started2)
          .putFields("replayOfRecord", payload(converter, workflowId));
      searchAttributes =
          searchAttributes.toBuilder()
              .putIndexedFields(SearchAttributeNames.DELIVERY, started2)
              .build();
      summary = summary.replaceFirst(" \\(not started: .*\\) — ", " — ");
    }
    StartWorkflowExecutionRequest.Builder request =
        StartWorkflowExecutionRequest.newBuilder()
            .setNamespace(namespace)
            .setWorkflowId(startId)
            .setWorkflowType(type)
            .setTaskQueue(taskQueue)
            .setInput(input)
            .setSearchAttributes(searchAttributes)
            .setMemo(memo.build())
            .setUserMetadata(
                UserMetadata.newBuilder()
                    .setSummary(payload(converter, summary))
                    .setDetails(
                        started.getUserMetadata().hasDetails()
                            ? started.getUserMetadata().getDetails()
                            : payload(converter, ""))
                    .build())
            .setRequestId(UUID.randomUUID().toString())
            .setIdentity("hookflow-replay")
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL);
    if (attributes.hasWorkflowExecutionTimeout()) {
      request.setWorkflowExecutionTimeout(attributes.getWorkflowExecutionTimeout());
    }
    if (attributes.hasWorkflowRunTimeout()) {
      request.setWorkflowRunTimeout(attributes.getWorkflowRunTimeout());
    }
    try {
      return new Replayed(
          startId, stubs.blockingStub().startWorkflowExecution(request.build()).getRunId());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
        throw new ProblemException(
            ProblemCode.REPLAY_CONFLICT,
            "Workflow " + startId + " is running; replay once it has closed",
            retryAfterSeconds,
            e);
      }
      throw unavailable(e);
    }
  }

  private List<HistoryEvent> wholeHistory(WorkflowExecution execution) {
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

  private List<HistoryEvent> history(
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

  private static String text(Payload payload) {
    return DataConverter.getDefaultInstance().fromPayload(payload, String.class, String.class);
  }

  private static Payload payload(DataConverter converter, String value) {
    return converter.toPayload(value).orElseThrow();
  }

  private static WorkflowExecution execution(String workflowId, String runId) {
    WorkflowExecution.Builder execution = WorkflowExecution.newBuilder().setWorkflowId(workflowId);
    if (runId != null) {
      execution.setRunId(runId);
    }
    return execution.build();
  }

  static String statusName(WorkflowExecutionStatus status) {
    return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(Locale.ROOT);
  }

  private ProblemException unavailable(StatusRuntimeException e) {
    Status.Code code = e.getStatus().getCode();
    if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
      return new ProblemException(
          ProblemCode.TEMPORAL_UNAVAILABLE, "Temporal did not answer", retryAfterSeconds, e);
    }
    return new ProblemException(
        ProblemCode.INTERNAL_ERROR, "Temporal refused the request", null, e);
  }
}
