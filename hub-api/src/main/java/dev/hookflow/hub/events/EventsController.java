package dev.hookflow.hub.events;

import com.google.protobuf.ByteString;
import dev.hookflow.hub.config.HookflowConfig;
import dev.hookflow.hub.error.ProblemCode;
import dev.hookflow.hub.error.ProblemException;
import dev.hookflow.hub.intake.IntakeResponse;
import dev.hookflow.hub.route.Delivery;
import dev.hookflow.hub.temporal.TemporalConnection;
import dev.hookflow.workflows.event.SearchAttributeNames;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** {@code GET /events/{source}/{eventId}}: an event's deliveries with their workflows' status. */
@Controller("/events")
public class EventsController {

  /**
   * One delivery and the current status of its workflow run in Temporal; {@code failure} says why a
   * run failed, timed out, was terminated or canceled (null otherwise).
   */
  public record DeliveryStatus(
      String route,
      String workflowId,
      String runId,
      Delivery.Outcome outcome,
      String status,
      String failure) {}

  /** The body of a replay request; {@code reason} is recorded with the new runs. */
  public record ReplayRequest(@Nullable String reason) {}

  /** What a replay did, delivery by delivery. */
  public record ReplayView(
      String source, String eventId, String reason, List<DeliveryStatus> deliveries) {}

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

  /**
   * An event and its deliveries; {@code status} is {@code ignored} when it verified but no route
   * took it, else {@code accepted} or {@code duplicate}.
   */
  public record EventView(
      String source,
      String eventId,
      String type,
      IntakeResponse.Status status,
      List<DeliveryStatus> deliveries) {}

  private static final Map<String, String> STATUSES =
      Map.of(
          "running", "Running",
          "completed", "Completed",
          "failed", "Failed",
          "canceled", "Canceled",
          "terminated", "Terminated",
          "timed_out", "TimedOut",
          "continued_as_new", "ContinuedAsNew");

  /** The {@code status} filter of events that were recorded instead of delivered. */
  private static final String RECORDED = "recorded";

  private final EventIndex index;
  private final boolean embedded;
  private final int retryAfterSeconds;
  private final WorkflowServiceStubs stubs;
  private final String namespace;
  private final WorkflowRuns runs;

  public EventsController(
      EventIndex index,
      WorkflowServiceStubs stubs,
      WorkflowClient client,
      TemporalConnection connection,
      HookflowConfig hub) {
    this.index = index;
    this.retryAfterSeconds = hub.getRetryAfterSeconds();
    this.embedded = connection.embedded();
    this.stubs = stubs;
    this.namespace = client.getOptions().getNamespace();
    this.runs = new WorkflowRuns(stubs, namespace, retryAfterSeconds);
  }

  /**
   * Lists the workflows the hub started, newest first, through Temporal visibility. {@code
   * status=failed} is the dead-letter view, {@code status=recorded} the events kept undelivered.
   * Filters: {@code source}, {@code type}, {@code status} (running, completed, failed, canceled,
   * terminated, timed_out), {@code since} (ISO-8601 instant); {@code pageSize} (default 50, at most
   * 500) and {@code nextPage} page through.
   */
  @Get
  @ExecuteOn(TaskExecutors.BLOCKING)
  public EventPage list(
      @QueryValue @Nullable String source,
      @QueryValue @Nullable String type,
      @QueryValue @Nullable String status,
      @QueryValue @Nullable String since,
      @QueryValue @Nullable Integer pageSize,
      @QueryValue @Nullable String nextPage) {
    if (embedded) {
      throw new ProblemException(
          ProblemCode.NOT_IMPLEMENTED,
          "The embedded Temporal has no visibility queries. Run a Temporal server"
              + " (./hub run --temporal dev, or TEMPORAL_ADDRESS) to list events.");
    }
    List<String> clauses = new ArrayList<>();
    clauses.add(SearchAttributeNames.SOURCE + " IS NOT NULL");
    if (source != null) {
      clauses.add(SearchAttributeNames.SOURCE + " = " + VisibilityEventIndex.quote(source));
    }
    if (type != null) {
      clauses.add(SearchAttributeNames.EVENT_TYPE + " = " + VisibilityEventIndex.quote(type));
    }
    if (status != null && status.equalsIgnoreCase(RECORDED)) {
      // Events kept because they could not be delivered: the needs-attention view.
      clauses.add(
          SearchAttributeNames.DELIVERY
              + " = "
              + VisibilityEventIndex.quote(Delivery.Outcome.RECORDED.wire()));
    } else if (status != null) {
      String value = STATUSES.get(status.toLowerCase(Locale.ROOT));
      if (value == null) {
        TreeSet<String> known = new TreeSet<>(STATUSES.keySet());
        known.add(RECORDED);
        throw new ProblemException(ProblemCode.BAD_REQUEST, "status must be one of " + known);
      }
      clauses.add("ExecutionStatus = " + VisibilityEventIndex.quote(value));
    }
    if (since != null) {
      try {
        clauses.add("StartTime >= " + VisibilityEventIndex.quote(Instant.parse(since).toString()));
      } catch (DateTimeParseException e) {
        throw new ProblemException(
            ProblemCode.BAD_REQUEST,
            "since must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
      }
    }
    int size = pageSize == null ? 50 : Math.max(1, Math.min(pageSize, 500));
    ListWorkflowExecutionsRequest.Builder request =
        ListWorkflowExecutionsRequest.newBuilder()
            .setNamespace(namespace)
            .setPageSize(size)
            // SQL visibility (SQLite, PostgreSQL) has no ORDER BY; it lists newest first already.
            .setQuery(String.join(" AND ", clauses));
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
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        throw new ProblemException(
            ProblemCode.NOT_IMPLEMENTED, "This Temporal has no visibility queries");
      }
      if (e.getStatus().getCode() == Status.Code.UNAVAILABLE
          || e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
        throw temporalDidNotAnswer(e);
      }
      throw e;
    }
    List<WorkflowSummary> events =
        response.getExecutionsList().stream().map(EventsController::summary).toList();
    String token =
        response.getNextPageToken().isEmpty()
            ? null
            : Base64.getUrlEncoder().encodeToString(response.getNextPageToken().toByteArray());
    return new EventPage(events, token);
  }

  private static WorkflowSummary summary(WorkflowExecutionInfo info) {
    Map<String, io.temporal.api.common.v1.Payload> attributes =
        info.getSearchAttributes().getIndexedFieldsMap();
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

  private static String keyword(
      Map<String, io.temporal.api.common.v1.Payload> attributes, String name) {
    io.temporal.api.common.v1.Payload payload = attributes.get(name);
    return payload == null
        ? null
        : DataConverter.getDefaultInstance().fromPayload(payload, String.class, String.class);
  }

  private static String instant(com.google.protobuf.Timestamp time) {
    return Instant.ofEpochSecond(time.getSeconds(), time.getNanos()).toString();
  }

  @Get("/{source}/{eventId}")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public EventView event(@PathVariable String source, @PathVariable String eventId) {
    EventRecord record = find(source, eventId);
    List<DeliveryStatus> deliveries =
        record.deliveries().stream().map(d -> withState(d, d.outcome())).toList();
    return new EventView(
        record.source(),
        record.eventId(),
        record.type(),
        IntakeResponse.statusOf(record.deliveries()),
        deliveries);
  }

  /**
   * Starts the event's deliveries again: each delivery that started a workflow gets a new run under
   * the same workflow id, with the same input, and the reason in its memo ({@code replayReason},
   * {@code replayOf}) and summary. Deliveries that signaled a workflow are left alone ({@code
   * not_replayable}): that workflow belongs to other events too. Refused with {@code
   * replay_conflict} (409) while any delivery of the event is running; nothing is started then.
   */
  @Post("/{source}/{eventId}/replay")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public ReplayView replay(
      @PathVariable String source,
      @PathVariable String eventId,
      @Body @Nullable ReplayRequest body) {
    String reason =
        body == null || body.reason() == null || body.reason().isBlank()
            ? "replay requested"
            : body.reason().strip();
    if (reason.length() > 200) {
      throw new ProblemException(ProblemCode.BAD_REQUEST, "reason is limited to 200 characters");
    }
    EventRecord record = find(source, eventId);
    for (Delivery delivery : record.deliveries()) {
      if (!replayable(delivery)) {
        continue;
      }
      String target =
          delivery.outcome() == Delivery.Outcome.RECORDED
              ? runs.replayTarget(delivery.workflowId(), delivery.runId())
              : delivery.workflowId();
      if (runs.state(delivery.workflowId(), null).running()
          || !target.equals(delivery.workflowId()) && runs.state(target, null).running()) {
        throw new ProblemException(
            ProblemCode.REPLAY_CONFLICT,
            "Delivery "
                + delivery.route()
                + " (workflow "
                + target
                + ") is still running; replay once it has closed",
            retryAfterSeconds,
            null);
      }
    }
    List<Delivery> replayed = new ArrayList<>();
    for (Delivery delivery : record.deliveries()) {
      if (!replayable(delivery)) {
        replayed.add(
            new Delivery(
                delivery.route(),
                delivery.workflowId(),
                delivery.runId(),
                Delivery.Outcome.NOT_REPLAYABLE));
        continue;
      }
      WorkflowRuns.Replayed run = runs.replay(delivery.workflowId(), delivery.runId(), reason);
      replayed.add(
          new Delivery(delivery.route(), run.workflowId(), run.runId(), Delivery.Outcome.REPLAYED));
    }
    index.record(new EventRecord(record.source(), record.eventId(), record.type(), replayed));
    return new ReplayView(
        record.source(),
        record.eventId(),
        reason,
        replayed.stream().map(d -> withState(d, d.outcome())).toList());
  }

  private ProblemException temporalDidNotAnswer(StatusRuntimeException cause) {
    return new ProblemException(
        ProblemCode.TEMPORAL_UNAVAILABLE, "Temporal did not answer", retryAfterSeconds, cause);
  }

  private static boolean replayable(Delivery delivery) {
    return delivery.outcome() != Delivery.Outcome.SIGNALED
        && delivery.outcome() != Delivery.Outcome.NOT_REPLAYABLE;
  }

  private EventRecord find(String source, String eventId) {
    return index
        .find(source, eventId)
        .orElseThrow(
            () ->
                new ProblemException(
                    ProblemCode.EVENT_NOT_FOUND,
                    "No event " + eventId + " from source " + source + " is known"));
  }

  private DeliveryStatus withState(Delivery d, Delivery.Outcome outcome) {
    WorkflowRuns.RunState state = runs.state(d.workflowId(), d.runId());
    return new DeliveryStatus(
        d.route(), d.workflowId(), d.runId(), outcome, state.status(), state.failure());
  }
}
