package dev.hookflow.hub.inbound.dispatch;

import dev.hookflow.hub.inbound.event.ParsedEvent;
import dev.hookflow.hub.inbound.route.Route;
import dev.hookflow.hub.inbound.route.RoutePlan;
import dev.hookflow.hub.platform.config.HookflowConfig;
import dev.hookflow.hub.platform.config.TemporalConfig;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import dev.hookflow.hub.platform.policy.PolicyRegistry;
import dev.hookflow.hub.platform.publish.Publishing;
import dev.hookflow.hub.platform.temporal.GrpcStatus;
import dev.hookflow.hub.platform.temporal.SearchAttributes;
import dev.hookflow.workflows.event.SearchAttributeNames;
import dev.hookflow.workflows.event.WebhookEvent;
import dev.hookflow.workflows.eventlog.EventLogWorkflow;
import dev.hookflow.workflows.relay.RelayInput;
import dev.hookflow.workflows.relay.RelayTarget;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one routed event into one Temporal start, signal or signal-with-start.
 *
 * <p>Starts use the workflow id from the route with {@code REJECT_DUPLICATE} reuse and {@code FAIL}
 * conflict policies: a redelivered event reaches the same id and comes back as {@code duplicate}
 * with the original run, also after that run has closed. Signals carry the event, whose id lets the
 * receiving workflow drop a repeat.
 */
@Singleton
public class WorkflowDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(WorkflowDispatcher.class);

  private final WorkflowClient client;
  private final RunOptions runOptions;
  private final RunHistory history;
  private final WorkflowServiceStubs stubs;
  private final SearchAttributes searchAttributes;
  private final String defaultTaskQueue;
  private final int retryAfterSeconds;
  private final PolicyRegistry policies;
  private final io.micrometer.core.instrument.MeterRegistry registry;
  private final jakarta.inject.Provider<Publishing> publishing;

  public WorkflowDispatcher(
      WorkflowClient client,
      WorkflowServiceStubs stubs,
      SearchAttributes searchAttributes,
      TemporalConfig temporal,
      HookflowConfig hub,
      PolicyRegistry policies,
      jakarta.inject.Provider<Publishing> publishing,
      @io.micronaut.core.annotation.Nullable io.micrometer.core.instrument.MeterRegistry registry) {
    this.publishing = publishing;
    this.registry =
        registry != null ? registry : io.micrometer.core.instrument.Metrics.globalRegistry;
    this.policies = policies;
    this.client = client;
    this.runOptions = new RunOptions(temporal.getTaskQueue());
    this.history = new RunHistory(client);
    this.stubs = stubs;
    this.searchAttributes = searchAttributes;
    this.defaultTaskQueue = temporal.getTaskQueue();
    this.retryAfterSeconds = hub.getRetryAfterSeconds();
  }

  /**
   * Delivers one planned step of a parsed event: the envelope its route's workflow receives, then
   * the route's start, signal or signal-with-start.
   *
   * @throws ProblemException {@code temporal_unavailable} when Temporal did not accept it in time,
   *     {@code workflow_not_found} when a signal has no running workflow
   */
  public Delivery dispatch(RoutePlan.Step step, ParsedEvent parsed) {
    Route route = step.route();
    WebhookEvent event =
        new WebhookEvent(
            parsed.source(),
            parsed.eventId(),
            parsed.type(),
            parsed.receivedAt(),
            route.name(),
            parsed.safeHeaders(),
            parsed.payload(),
            route.params());
    // Log lines of this delivery name its workflow; the time Temporal took is a metric.
    org.slf4j.MDC.put("workflowId", step.workflowId());
    long started = System.nanoTime();
    String outcome = "error";
    try {
      Delivery delivery =
          route.action() == Route.Action.PUBLISH
              ? publish(route, step.message(), event)
              : dispatch(route, step.workflowId(), event, parsed.bodyBytes());
      outcome = delivery.outcome().wire();
      return delivery;
    } catch (ProblemException e) {
      outcome = e.code().code();
      throw e;
    } finally {
      org.slf4j.MDC.remove("workflowId");
      // hookflow_temporal_dispatch_seconds{action,outcome}: action and outcome are enumerations.
      io.micrometer.core.instrument.Timer.builder("hookflow.temporal.dispatch")
          .description("One route's Temporal call(s) for one webhook")
          .publishPercentileHistogram()
          .maximumExpectedValue(java.time.Duration.ofSeconds(30))
          .tags(
              "action",
              route.action().name().toLowerCase(java.util.Locale.ROOT),
              "outcome",
              outcome)
          .register(registry)
          .record(java.time.Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private Delivery dispatch(Route route, String workflowId, WebhookEvent event, int payloadBytes) {
    return call(
        event,
        payloadBytes,
        () ->
            switch (route.action()) {
              case START -> start(route, workflowId, event, payloadBytes);
              case SIGNAL -> signal(route, workflowId, event, payloadBytes);
              case SIGNAL_WITH_START -> signalWithStart(route, workflowId, event, payloadBytes);
              case PUBLISH -> throw new IllegalStateException("a publish step has no workflow id");
            });
  }

  /**
   * A publish route: the event becomes a message of the route's application (stored, its dispatch
   * in Temporal) through the sending side; a repeat of its event id is a duplicate. The sending
   * side answers its own failures (503 when Temporal or the database did not take it, 409 while the
   * application does not exist), having stored nothing.
   */
  private Delivery publish(Route route, RoutePlan.Message message, WebhookEvent event) {
    Publishing.Published published =
        publishing
            .get()
            .publish(
                new Publishing.Message(
                    route.publish().app(),
                    message.eventType(),
                    message.eventId(),
                    message.payload(),
                    new Publishing.Origin(
                        route.name(), event.source(), event.eventId(), event.type())));
    return new Delivery(
        route.name(),
        published.workflowId(),
        published.runId(),
        published.duplicate() ? Delivery.Outcome.DUPLICATE : Delivery.Outcome.PUBLISHED);
  }

  private Delivery start(Route route, String workflowId, WebhookEvent event, int payloadBytes) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            route.workflowType(), runOptions.options(route, workflowId, event, payloadBytes));
    try {
      WorkflowExecution execution = stub.start(argument(route, event));
      return new Delivery(route.name(), workflowId, execution.getRunId(), Delivery.Outcome.STARTED);
    } catch (WorkflowExecutionAlreadyStarted e) {
      String runId = e.getExecution().getRunId();
      Optional<String> holder = history.heldBy(workflowId, runId);
      if (holder.isPresent() && holder.get().equals(event.source() + "/" + event.eventId())) {
        return new Delivery(route.name(), workflowId, runId, Delivery.Outcome.DUPLICATE);
      }
      return held(route, workflowId, holder.orElse("(unknown)"), event, payloadBytes);
    }
  }

  /**
   * A start route's workflow id is held by a run of another event (an id keyed by an entity that a
   * second event of it reaches): never answered {@code duplicate}, which would drop the event. The
   * route's {@code if-exists} decides: record it, refuse it (the sender retries), or signal it to
   * the run.
   */
  private Delivery held(
      Route route, String workflowId, String holder, WebhookEvent event, int payloadBytes) {
    Route.IfExists ifExists = route.ifExists();
    switch (ifExists.mode()) {
      case REJECT -> {
        logHeld(true, route, workflowId, holder, event, "refused with 409 (if-exists: reject)");
        throw new ProblemException(
            ProblemCode.WORKFLOW_EXISTS,
            "Route "
                + route.name()
                + " starts workflow "
                + workflowId
                + ", which already has a run of another event; retry after it has closed",
            retryAfterSeconds,
            null);
      }
      case SIGNAL -> {
        Delivery delivery =
            signal(
                route,
                ifExists.signal(),
                Route.IfNotRunning.RECORD,
                workflowId,
                event,
                payloadBytes);
        // Configured behaviour, not a problem: INFO, unless the run had closed and it was kept.
        boolean kept = delivery.outcome() == Delivery.Outcome.RECORDED;
        logHeld(
            kept,
            route,
            workflowId,
            holder,
            event,
            kept
                ? "recorded as " + delivery.workflowId() + " (the run has closed)"
                : delivery.outcome().wire() + " as signal " + ifExists.signal());
        return delivery;
      }
      default -> {
        Delivery delivery = record(route, workflowId, event, payloadBytes);
        if (delivery.outcome() == Delivery.Outcome.RECORDED) {
          logHeld(
              true,
              route,
              workflowId,
              holder,
              event,
              "recorded as "
                  + delivery.workflowId()
                  + " (if-exists: record; GET /events?status=recorded, replay to run it)");
        }
        return delivery;
      }
    }
  }

  private static void logHeld(
      boolean warn,
      Route route,
      String workflowId,
      String holder,
      WebhookEvent event,
      String outcome) {
    String line = "Route {}: workflow {} is held by event {}; {} event {} ({}) {}";
    Object[] args = {
      route.name(), workflowId, holder, event.source(), event.eventId(), event.type(), outcome
    };
    if (warn) {
      LOG.warn(line, args);
    } else {
      LOG.info(line, args);
    }
  }

  /** What the workflow receives: the event, or for a relay route the event and its targets. */
  private Object argument(Route route, WebhookEvent event) {
    if (!route.isRelay()) {
      return event;
    }
    return new RelayInput(
        event,
        route.relay().stream()
            .map(
                spec ->
                    new RelayTarget(
                        spec.name(),
                        policies.get(
                            spec.policy(), "route " + route.name() + " relay " + spec.name())))
            .toList());
  }

  private Delivery signal(Route route, String workflowId, WebhookEvent event, int payloadBytes) {
    return signal(route, route.signal(), route.ifNotRunning(), workflowId, event, payloadBytes);
  }

  private Delivery signal(
      Route route,
      String signal,
      Route.IfNotRunning ifNotRunning,
      String workflowId,
      WebhookEvent event,
      int payloadBytes) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty());
    try {
      stub.signal(signal, event);
    } catch (WorkflowNotFoundException e) {
      if (GrpcStatus.refusesHub(e)) {
        throw e; // the namespace is missing, not the workflow
      }
      Optional<String> signaledRun = history.signaledBefore(workflowId, signal, event.eventId());
      if (signaledRun.isPresent()) {
        return new Delivery(
            route.name(), workflowId, signaledRun.get(), Delivery.Outcome.DUPLICATE);
      }
      if (ifNotRunning == Route.IfNotRunning.RECORD) {
        return record(route, workflowId, event, payloadBytes);
      }
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

  /**
   * Keeps an event that could not be delivered (its signal found no running workflow, or its start
   * found the id held by another event) in an {@code EventLog} run of its own, so the 202 still
   * means Temporal holds it; a repeat of the event comes back as {@code duplicate}. The memo names
   * the target ({@code target}, and for a start route {@code targetType} and {@code
   * targetTaskQueue}), so a replay delivers it there.
   */
  private Delivery record(Route route, String targetWorkflowId, WebhookEvent event, int bytes) {
    String recordId = route.recordId(targetWorkflowId, event.eventId());
    boolean held = route.action() == Route.Action.START;
    Map<String, Object> memo =
        new java.util.HashMap<>(RunOptions.memo(route, event, Delivery.Outcome.RECORDED));
    memo.put(RunOptions.MEMO_TARGET, targetWorkflowId);
    if (held && !route.isRelay() && route.ifExists().mode() != Route.IfExists.Mode.SIGNAL) {
      memo.put(RunOptions.MEMO_TARGET_TYPE, route.workflowType());
      memo.put(
          RunOptions.MEMO_TARGET_TASK_QUEUE,
          route.taskQueue() == null ? defaultTaskQueue : route.taskQueue());
    }
    WorkflowOptions options =
        WorkflowOptions.newBuilder(runOptions.options(route, recordId, event, bytes))
            .setTaskQueue(defaultTaskQueue)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setStaticSummary(
                event.source()
                    + " "
                    + event.type()
                    + " "
                    + event.eventId()
                    + (held && route.ifExists().mode() != Route.IfExists.Mode.SIGNAL
                        ? " (not started: " + targetWorkflowId + " is held by another event)"
                        : " (not signaled: " + targetWorkflowId + " was not running)"))
            .setTypedSearchAttributes(RunOptions.searchAttributes(event, Delivery.Outcome.RECORDED))
            .setMemo(memo)
            .build();
    WorkflowStub stub = client.newUntypedWorkflowStub(EventLogWorkflow.TYPE, options);
    try {
      WorkflowExecution execution = stub.start(event);
      return new Delivery(route.name(), recordId, execution.getRunId(), Delivery.Outcome.RECORDED);
    } catch (WorkflowExecutionAlreadyStarted e) {
      return new Delivery(
          route.name(), recordId, e.getExecution().getRunId(), Delivery.Outcome.DUPLICATE);
    }
  }

  /**
   * Signals the open run, or starts one. Asked first not to reuse the id of a closed run, so a
   * delivery that finds the workflow closed (rare) can check that run's history: a repeat of an
   * event it held is a duplicate; a new event opens a new run. An open or absent workflow costs one
   * call, as before.
   */
  private Delivery signalWithStart(
      Route route, String workflowId, WebhookEvent event, int payloadBytes) {
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder(runOptions.options(route, workflowId, event, payloadBytes))
            .setMemo(RunOptions.memo(route, event, Delivery.Outcome.SIGNALED));
    try {
      return signalWithStart(route, event, options.build());
    } catch (WorkflowExecutionAlreadyStarted closed) {
      Optional<String> heldBy = history.signaledBefore(workflowId, route.signal(), event.eventId());
      if (heldBy.isPresent()) {
        return new Delivery(route.name(), workflowId, heldBy.get(), Delivery.Outcome.DUPLICATE);
      }
      return signalWithStart(
          route,
          event,
          options
              .setWorkflowIdReusePolicy(
                  WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
              .build());
    }
  }

  private Delivery signalWithStart(Route route, WebhookEvent event, WorkflowOptions options) {
    WorkflowExecution execution =
        client
            .newUntypedWorkflowStub(route.workflowType(), options)
            .signalWithStart(route.signal(), new Object[] {event}, new Object[] {event});
    return new Delivery(
        route.name(), options.getWorkflowId(), execution.getRunId(), Delivery.Outcome.SIGNALED);
  }

  /**
   * Runs a Temporal call, after registering the search attributes if start-up could not. One that
   * is missing anyway (a restarted in-memory server) is registered and the call tried once more. An
   * unreachable Temporal, or one that refuses the hub's credentials or namespace, becomes {@code
   * temporal_unavailable} (retry later); an event over Temporal's size limits {@code
   * payload_too_large} (retrying cannot help).
   */
  private Delivery call(WebhookEvent event, int payloadBytes, Supplier<Delivery> action) {
    try {
      searchAttributes.ensureRegisteredOnce();
      try {
        return action.get();
      } catch (RuntimeException e) {
        if (!SearchAttributes.isUndefinedAttribute(e)) {
          throw e;
        }
        registerMissingAttributes();
        return action.get();
      }
    } catch (ProblemException e) {
      throw e;
    } catch (RuntimeException e) {
      if (GrpcStatus.tooLarge(e)) {
        // Retrying cannot help (a 503 would have the sender retry for days): say so once.
        LOG.warn(
            "Temporal refused a {}-byte {} event for its size; lower"
                + " hookflow.sources.{}.max-body-bytes or raise Temporal's limit",
            payloadBytes,
            event.source(),
            event.source());
        throw new ProblemException(
            ProblemCode.PAYLOAD_TOO_LARGE,
            "Temporal refused an event of this size (its payload or message size limit);"
                + " nothing was started",
            null,
            e);
      }
      if (GrpcStatus.unreachable(e)) {
        // Reconnect at once when Temporal is back instead of waiting out gRPC's backoff.
        stubs.getRawChannel().resetConnectBackoff();
        throw new ProblemException(
            ProblemCode.TEMPORAL_UNAVAILABLE,
            "Temporal did not accept the event in time; nothing was acknowledged, retry later",
            retryAfterSeconds,
            e);
      }
      if (SearchAttributes.isUndefinedAttribute(e)) {
        // Refused again after registering them: a SQL-visibility Temporal maps new attributes
        // once its namespace cache refreshes (seconds). The sender's retry lands then.
        LOG.warn(
            "Temporal does not map search attributes {} yet although they are registered"
                + " (its namespace cache refreshes within seconds); answering 503",
            SearchAttributeNames.ALL);
        throw new ProblemException(
            ProblemCode.TEMPORAL_UNAVAILABLE,
            "Temporal is not ready for the hub's search attributes yet; nothing was"
                + " acknowledged, retry later",
            retryAfterSeconds,
            e);
      }
      if (GrpcStatus.refusesHub(e)) {
        // The hub's configuration, not the event: the sender retries while an operator fixes it.
        LOG.error(
            "Temporal refused the hub ({}): check TEMPORAL_API_KEY, TEMPORAL_TLS_CERT and"
                + " TEMPORAL_NAMESPACE",
            GrpcStatus.of(e).map(s -> s.getCode() + ": " + s.getDescription()).orElse("?"));
        throw new ProblemException(
            ProblemCode.TEMPORAL_UNAVAILABLE,
            "Temporal refused the hub's credentials or namespace; nothing was acknowledged, retry"
                + " later",
            retryAfterSeconds,
            e);
      }
      throw e;
    }
  }

  /**
   * Registers the search attributes a start was refused for. Where the hub may not (Temporal Cloud:
   * an operator adds them in the console), every start fails the same way until someone does: that
   * is said plainly rather than as a refused hub.
   */
  private void registerMissingAttributes() {
    try {
      searchAttributes.ensureRegistered();
    } catch (RuntimeException e) {
      if (!GrpcStatus.refusesHub(e)) {
        throw e;
      }
      LOG.error(
          "Temporal refuses starts: search attributes {} are not registered in this namespace and"
              + " the hub may not register them ({}); register them as the README shows",
          SearchAttributeNames.ALL,
          GrpcStatus.of(e).map(status -> status.getCode().name()).orElse("?"));
      throw new ProblemException(
          ProblemCode.TEMPORAL_UNAVAILABLE,
          "Hookflow's search attributes are not registered in Temporal; nothing was acknowledged,"
              + " retry later",
          retryAfterSeconds,
          e);
    }
  }
}
