package dev.hookflow.hub.temporal;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure;
import io.temporal.api.sdk.v1.UserMetadata;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.StatusUtils;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts workflows without holding a thread: one {@code StartWorkflowExecution} call on the gRPC
 * future stub, waiting for a ready connection up to the deadline. The intake path uses it so that a
 * webhook costs no parked thread and no thread hand-off; the SDK's {@code WorkflowStub} (which
 * blocks) serves the rarer signal paths.
 */
public final class AsyncStarter {

  /** What to start. Search attributes are Keyword-typed. */
  public record Start(
      String workflowId,
      String workflowType,
      String taskQueue,
      Object input,
      WorkflowIdReusePolicy reusePolicy,
      WorkflowIdConflictPolicy conflictPolicy,
      Map<String, String> keywordSearchAttributes,
      Map<String, String> memo,
      String summary,
      String details) {}

  /** Outcome: the run started, or the run that already held the id. */
  public record Started(String runId, boolean alreadyStarted) {}

  private final WorkflowServiceStubs stubs;
  private final DataConverter converter;
  private final String namespace;
  private final String identity;
  private final Duration deadline;

  public AsyncStarter(WorkflowServiceStubs stubs, WorkflowClient client, Duration deadline) {
    this.stubs = stubs;
    this.converter = client.getOptions().getDataConverter();
    this.namespace = client.getOptions().getNamespace();
    this.identity = client.getOptions().getIdentity();
    this.deadline = deadline;
  }

  /**
   * @return the run; fails with the {@link StatusRuntimeException} Temporal answered
   */
  public CompletableFuture<Started> start(Start start) {
    StartWorkflowExecutionRequest.Builder request =
        StartWorkflowExecutionRequest.newBuilder()
            .setNamespace(namespace)
            .setIdentity(identity)
            .setRequestId(UUID.randomUUID().toString())
            .setWorkflowId(start.workflowId())
            .setWorkflowType(WorkflowType.newBuilder().setName(start.workflowType()))
            .setTaskQueue(TaskQueue.newBuilder().setName(start.taskQueue()))
            .setInput(converter.toPayloads(start.input()).orElseThrow())
            .setWorkflowIdReusePolicy(start.reusePolicy())
            .setWorkflowIdConflictPolicy(start.conflictPolicy());
    SearchAttributes.Builder attributes = SearchAttributes.newBuilder();
    start
        .keywordSearchAttributes()
        .forEach((name, value) -> attributes.putIndexedFields(name, keyword(value)));
    request.setSearchAttributes(attributes);
    Memo.Builder memo = Memo.newBuilder();
    start.memo().forEach((name, value) -> memo.putFields(name, payload(value)));
    request.setMemo(memo);
    request.setUserMetadata(
        UserMetadata.newBuilder()
            .setSummary(payload(start.summary()))
            .setDetails(payload(start.details())));

    CompletableFuture<Started> result = new CompletableFuture<>();
    Futures.addCallback(
        stubs
            .futureStub()
            .withWaitForReady()
            .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
            .startWorkflowExecution(request.build()),
        new FutureCallback<StartWorkflowExecutionResponse>() {
          @Override
          public void onSuccess(StartWorkflowExecutionResponse response) {
            result.complete(new Started(response.getRunId(), false));
          }

          @Override
          public void onFailure(Throwable failure) {
            if (failure instanceof StatusRuntimeException status) {
              WorkflowExecutionAlreadyStartedFailure existing =
                  StatusUtils.getFailure(status, WorkflowExecutionAlreadyStartedFailure.class);
              if (existing != null) {
                result.complete(new Started(existing.getRunId(), true));
                return;
              }
            }
            result.completeExceptionally(failure);
          }
        },
        MoreExecutors.directExecutor());
    return result;
  }

  private Payload payload(Object value) {
    return converter.toPayload(value).orElseThrow();
  }

  /** A Keyword search attribute value, encoded as the SDK encodes typed attributes. */
  private Payload keyword(String value) {
    return payload(value).toBuilder()
        .putMetadata("type", com.google.protobuf.ByteString.copyFromUtf8("Keyword"))
        .build();
  }
}
