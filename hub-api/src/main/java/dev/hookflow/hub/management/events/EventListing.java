package dev.hookflow.hub.management.events;

import com.google.protobuf.ByteString;
import dev.hookflow.hub.platform.config.HookflowConfig;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import dev.hookflow.hub.platform.temporal.GrpcStatus;
import dev.hookflow.hub.platform.temporal.TemporalConnection;
import dev.hookflow.workflows.event.SearchAttributeNames;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Pages through the workflows the hub started, newest first, through Temporal visibility. */
@Singleton
public class EventListing {

  /** One workflow the hub started, as visibility lists it. */
  public record WorkflowSummary(
      String workflowId,
      String runId,
      String workflowType,
      String source,
      String eventType,
      String eventId,
      String delivery,
      String status,
      String startTime,
      String closeTime) {}

  /** A page of {@link WorkflowSummary}; pass {@code nextPage} back to get the next one. */
  public record EventPage(List<WorkflowSummary> events, String nextPage) {}

  private final WorkflowServiceStubs stubs;
  private final String namespace;
  private final boolean embedded;
  private final int retryAfterSeconds;

  public EventListing(
      WorkflowServiceStubs stubs,
      WorkflowClient client,
      TemporalConnection connection,
      HookflowConfig hub) {
    this.stubs = stubs;
    this.namespace = client.getOptions().getNamespace();
    this.embedded = connection.embedded();
    this.retryAfterSeconds = hub.getRetryAfterSeconds();
  }

  /**
   * @param pageSize default 50, at most 500
   * @param nextPage the opaque token of the previous page, or null
   * @throws ProblemException {@code not_implemented} on a Temporal without visibility queries
   */
  public EventPage list(VisibilityQuery query, Integer pageSize, String nextPage) {
    if (embedded) {
      throw new ProblemException(
          ProblemCode.NOT_IMPLEMENTED,
          "The embedded Temporal has no visibility queries. Run a Temporal server"
              + " (./hub run --temporal dev, or TEMPORAL_ADDRESS) to list events.");
    }
    int size = pageSize == null ? 50 : Math.max(1, Math.min(pageSize, 500));
    ListWorkflowExecutionsRequest.Builder request =
        ListWorkflowExecutionsRequest.newBuilder()
            .setNamespace(namespace)
            .setPageSize(size)
            // SQL visibility (SQLite, PostgreSQL) has no ORDER BY; it lists newest first already.
            .setQuery(query.build());
    if (nextPage != null && !nextPage.isBlank()) {
      try {
        request.setNextPageToken(ByteString.copyFrom(Base64.getUrlDecoder().decode(nextPage)));
      } catch (IllegalArgumentException e) {
        throw new ProblemException(
            ProblemCode.BAD_REQUEST, "nextPage is not a token from this API");
      }
    }
    ListWorkflowExecutionsResponse response;
    try {
      response = stubs.blockingStub().listWorkflowExecutions(request.build());
    } catch (StatusRuntimeException e) {
      if (GrpcStatus.is(e, Status.Code.UNIMPLEMENTED)) {
        throw new ProblemException(
            ProblemCode.NOT_IMPLEMENTED, "This Temporal has no visibility queries");
      }
      throw GrpcStatus.problem(e, retryAfterSeconds);
    }
    List<WorkflowSummary> events =
        response.getExecutionsList().stream().map(EventListing::summary).toList();
    String token =
        response.getNextPageToken().isEmpty()
            ? null
            : Base64.getUrlEncoder().encodeToString(response.getNextPageToken().toByteArray());
    return new EventPage(events, token);
  }

  private static WorkflowSummary summary(WorkflowExecutionInfo info) {
    Map<String, Payload> attributes = info.getSearchAttributes().getIndexedFieldsMap();
    return new WorkflowSummary(
        info.getExecution().getWorkflowId(),
        info.getExecution().getRunId(),
        info.getType().getName(),
        keyword(attributes, SearchAttributeNames.SOURCE),
        keyword(attributes, SearchAttributeNames.EVENT_TYPE),
        keyword(attributes, SearchAttributeNames.EVENT_ID),
        keyword(attributes, SearchAttributeNames.DELIVERY),
        WorkflowRuns.statusName(info.getStatus()),
        info.hasStartTime() ? instant(info.getStartTime()) : null,
        info.hasCloseTime() ? instant(info.getCloseTime()) : null);
  }

  private static String keyword(Map<String, Payload> attributes, String name) {
    Payload payload = attributes.get(name);
    return payload == null
        ? null
        : DataConverter.getDefaultInstance().fromPayload(payload, String.class, String.class);
  }

  private static String instant(com.google.protobuf.Timestamp time) {
    return Instant.ofEpochSecond(time.getSeconds(), time.getNanos()).toString();
  }
}
