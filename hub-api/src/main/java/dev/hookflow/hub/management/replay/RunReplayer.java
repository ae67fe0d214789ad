package dev.hookflow.hub.management.replay;

import dev.hookflow.hub.inbound.dispatch.Delivery;
import dev.hookflow.hub.inbound.dispatch.RunOptions;
import dev.hookflow.hub.management.events.WorkflowRuns;
import dev.hookflow.hub.platform.config.HookflowConfig;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import dev.hookflow.workflows.event.SearchAttributeNames;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.HistoryEventFilterType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.sdk.v1.UserMetadata;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Starts a closed run's workflow again (see {@link #replay}). */
@Singleton
public class RunReplayer {
  private final WorkflowServiceStubs stubs;
  private final WorkflowRuns runs;
  private final String namespace;
  private final int retryAfterSeconds;

  public RunReplayer(
      WorkflowServiceStubs stubs, WorkflowClient client, WorkflowRuns runs, HookflowConfig hub) {
    this.stubs = stubs;
    this.runs = runs;
    this.namespace = client.getOptions().getNamespace();
    this.retryAfterSeconds = hub.getRetryAfterSeconds();
  }

  /** What a replay started: the workflow id (the target of a recorded event) and its new run. */
  public record Replayed(String workflowId, String runId) {}

  /**
   * The workflow id a replay of this run starts: the run's own, or for an event recorded because a
   * start route's id was held by another event, the id it was meant for.
   */
  public String replayTarget(String workflowId, String runId) {
    WorkflowExecutionStartedEventAttributes attributes =
        started(workflowId, runId).getWorkflowExecutionStartedEventAttributes();
    return target(attributes).orElse(workflowId);
  }

  private static java.util.Optional<String> target(WorkflowExecutionStartedEventAttributes start) {
    Payload type = start.getMemo().getFieldsMap().get(RunOptions.MEMO_TARGET_TYPE);
    Payload target = start.getMemo().getFieldsMap().get(RunOptions.MEMO_TARGET);
    if (type == null || target == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        DataConverter.getDefaultInstance().fromPayload(target, String.class, String.class));
  }

  private HistoryEvent started(String workflowId, String runId) {
    List<HistoryEvent> first =
        runs.history(
            WorkflowRuns.execution(workflowId, runId),
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
  public Replayed replay(String workflowId, String runId, String reason) {
    WorkflowExecution original = WorkflowRuns.execution(workflowId, runId);
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
      input = RelayReplay.undeliveredOnly(input, runs.wholeHistory(original));
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
              .setName(text(fields.get(RunOptions.MEMO_TARGET_TYPE)))
              .build();
      taskQueue =
          io.temporal.api.taskqueue.v1.TaskQueue.newBuilder()
              .setName(text(fields.get(RunOptions.MEMO_TARGET_TASK_QUEUE)))
              .build();
      Payload started2 = payload(converter, Delivery.Outcome.STARTED.wire());
      memo.removeFields(RunOptions.MEMO_TARGET)
          .removeFields(RunOptions.MEMO_TARGET_TYPE)
          .removeFields(RunOptions.MEMO_TARGET_TASK_QUEUE)
          .putFields(RunOptions.MEMO_DELIVERY, started2)
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
      throw runs.unavailable(e);
    }
  }

  private static String text(Payload payload) {
    return DataConverter.getDefaultInstance().fromPayload(payload, String.class, String.class);
  }

  private static Payload payload(DataConverter converter, String value) {
    return converter.toPayload(value).orElseThrow();
  }
}
