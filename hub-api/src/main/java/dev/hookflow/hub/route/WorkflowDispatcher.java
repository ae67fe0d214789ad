package dev.hookflow.hub.route;

import dev.hookflow.hub.config.HookflowConfig;
import dev.hookflow.hub.config.TemporalConfig;
import dev.hookflow.hub.error.ProblemCode;
import dev.hookflow.hub.error.ProblemException;
import dev.hookflow.hub.temporal.AsyncStarter;
import dev.hookflow.hub.temporal.SearchAttributes;
import dev.hookflow.workflows.event.SearchAttributeNames;
import dev.hookflow.workflows.event.WebhookEvent;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.scheduling.TaskExecutors;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Turns one routed event into one Temporal start, signal or signal-with-start.
 *
 * <p>Starts use the workflow id from the route with {@code REJECT_DUPLICATE} reuse and {@code FAIL}
 * conflict policies: a redelivered event reaches the same id and comes back as {@code duplicate}
 * with the original run, also after that run has closed. Starts are asynchronous (no thread waits
 * on Temporal); signals go through the SDK on the blocking pool. Signals carry the event, whose id
 * lets the receiving workflow drop a repeat.
 */
@Singleton
public class WorkflowDispatcher {
  private static final SearchAttributeKey<String> SOURCE =
      SearchAttributeKey.forKeyword(SearchAttributeNames.SOURCE);
  private static final SearchAttributeKey<String> EVENT_TYPE =
      SearchAttributeKey.forKeyword(SearchAttributeNames.EVENT_TYPE);
  private static final SearchAttributeKey<String> EVENT_ID =
      SearchAttributeKey.forKeyword(SearchAttributeNames.EVENT_ID);

  private final WorkflowClient client;
  private final WorkflowServiceStubs stubs;
  private final AsyncStarter starter;
  private final SearchAttributes searchAttributes;
  private final ExecutorService blocking;
  private final String defaultTaskQueue;
  private final int retryAfterSeconds;
  private final long startTimeoutMillis;

  public WorkflowDispatcher(
      WorkflowClient client,
      WorkflowServiceStubs stubs,
      SearchAttributes searchAttributes,
      TemporalConfig temporal,
      HookflowConfig hub,
      @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
    this.client = client;
    this.stubs = stubs;
    this.starter = new AsyncStarter(stubs, client, hub.getDispatchDeadline());
    this.searchAttributes = searchAttributes;
    this.blocking = blocking;
    this.defaultTaskQueue = temporal.getTaskQueue();
    this.retryAfterSeconds = hub.getRetryAfterSeconds();
    this.startTimeoutMillis = hub.getDispatchDeadline().toMillis() + 2000;
  }

  /**
   * @return the delivery; fails with {@link ProblemException} {@code temporal_unavailable} when
   *     Temporal did not accept it in time, {@code workflow_not_found} when a signal has no running
   *     workflow
   */
  public CompletableFuture<Delivery> dispatch(
      Route route, String workflowId, WebhookEvent event, int payloadBytes) {
    if (route.action() == Route.Action.START) {
      return start(route, workflowId, event, payloadBytes, true);
    }
    return CompletableFuture.supplyAsync(
        () ->
            blockingCall(
                () ->
                    route.action() == Route.Action.SIGNAL
                        ? signal(route, workflowId, event)
                        : signalWithStart(route, workflowId, event, payloadBytes)),
        blocking);
  }

  private CompletableFuture<Delivery> start(
      Route route, String workflowId, WebhookEvent event, int payloadBytes, boolean firstTry) {
    AsyncStarter.Start start =
        new AsyncStarter.Start(
            workflowId,
            route.workflowType(),
            taskQueue(route),
            event,
            WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL,
            Map.of(
                SearchAttributeNames.SOURCE, event.source(),
                SearchAttributeNames.EVENT_TYPE, event.type(),
                SearchAttributeNames.EVENT_ID, event.eventId()),
            memo(route, event),
            summary(event),
            details(route, event, payloadBytes));
    return starter
        .start(start)
        // gRPC's deadline normally ends the call; this bound answers the sender even if the
        // callback never runs.
        .orTimeout(startTimeoutMillis, TimeUnit.MILLISECONDS)
        .thenApply(
            started ->
                new Delivery(
                    route.name(),
                    workflowId,
                    started.runId(),
                    started.alreadyStarted()
                        ? Delivery.Outcome.DUPLICATE
                        : Delivery.Outcome.STARTED))
        .handle(
            (delivery, failure) -> {
              if (failure == null) {
                return CompletableFuture.completedFuture(delivery);
              }
              Throwable cause = unwrap(failure);
              if (firstTry && SearchAttributes.isUndefinedAttribute(cause)) {
                // A fresh or restarted server: register the attributes, then try once more.
                return CompletableFuture.runAsync(searchAttributes::ensureRegistered, blocking)
                    .thenCompose(ignored -> start(route, workflowId, event, payloadBytes, false));
              }
              return CompletableFuture.<Delivery>failedFuture(translate(cause));
            })
        .thenCompose(future -> future);
  }

  private Delivery signal(Route route, String workflowId, WebhookEvent event) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty());
    try {
      stub.signal(route.signal(), event);
    } catch (WorkflowNotFoundException e) {
      throw new ProblemException(
          ProblemCode.WORKFLOW_NOT_FOUND,
          "Route "
              + route.name()
              + " signals workflow "
              + workflowId
              + ", which is not running; retry after it has started",
          retryAfterSeconds,
          null);
    }
    // A signal goes to whichever run is open; the response does not name it.
    return new Delivery(route.name(), workflowId, null, Delivery.Outcome.SIGNALED);
  }

  private Delivery signalWithStart(
      Route route, String workflowId, WebhookEvent event, int payloadBytes) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(taskQueue(route))
            // It collects many events, so a new event after it closed opens a new run.
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setTypedSearchAttributes(
                io.temporal.common.SearchAttributes.newBuilder()
                    .set(SOURCE, event.source())
                    .set(EVENT_TYPE, event.type())
                    .set(EVENT_ID, event.eventId())
                    .build())
            .setMemo(Map.copyOf(memo(route, event)))
            .setStaticSummary(summary(event))
            .setStaticDetails(details(route, event, payloadBytes))
            .build();
    WorkflowExecution execution =
        client
            .newUntypedWorkflowStub(route.workflowType(), options)
            .signalWithStart(route.signal(), new Object[] {event}, new Object[] {event});
    return new Delivery(route.name(), workflowId, execution.getRunId(), Delivery.Outcome.SIGNALED);
  }

  private String taskQueue(Route route) {
    return route.taskQueue() == null ? defaultTaskQueue : route.taskQueue();
  }

  private static Map<String, String> memo(Route route, WebhookEvent event) {
    return Map.of("route", route.name(), "source", event.source(), "eventId", event.eventId());
  }

  private static String summary(WebhookEvent event) {
    return event.source() + " " + event.type() + " " + event.eventId();
  }

  private static String details(Route route, WebhookEvent event, int payloadBytes) {
    StringBuilder out = new StringBuilder();
    out.append("**Received** ").append(event.receivedAt()).append("  \n");
    out.append("**Route** ").append(route.name()).append("  \n");
    out.append("**Payload** ").append(payloadBytes).append(" bytes  \n");
    event
        .headers()
        .forEach(
            (name, value) ->
                out.append("`").append(name).append("`: ").append(value).append("  \n"));
    return out.toString();
  }

  /**
   * Runs a blocking SDK call. A missing search attribute is registered and the call tried once
   * more; failures become problems.
   */
  private Delivery blockingCall(Supplier<Delivery> action) {
    try {
      try {
        return action.get();
      } catch (RuntimeException e) {
        if (!SearchAttributes.isUndefinedAttribute(e)) {
          throw e;
        }
        searchAttributes.ensureRegistered();
        return action.get();
      }
    } catch (ProblemException e) {
      throw e;
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  /** An unreachable Temporal becomes {@code temporal_unavailable}; anything else stays as is. */
  private RuntimeException translate(Throwable failure) {
    if (failure instanceof ProblemException problem) {
      return problem;
    }
    if (isUnavailable(failure) || failure instanceof TimeoutException) {
      // Reconnect at once when Temporal is back instead of waiting out gRPC's backoff.
      stubs.getRawChannel().resetConnectBackoff();
      return new ProblemException(
          ProblemCode.TEMPORAL_UNAVAILABLE,
          "Temporal did not accept the event in time; nothing was acknowledged, retry later",
          retryAfterSeconds,
          failure);
    }
    return failure instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException(failure);
  }

  static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  private static boolean isUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        return code == Status.Code.UNAVAILABLE
            || code == Status.Code.DEADLINE_EXCEEDED
            || code == Status.Code.RESOURCE_EXHAUSTED
            || code == Status.Code.CANCELLED;
      }
    }
    return false;
  }
}
