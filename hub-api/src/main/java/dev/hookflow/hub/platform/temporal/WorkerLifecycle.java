package dev.hookflow.hub.platform.temporal;

import dev.hookflow.activities.Integration;
import dev.hookflow.activities.Integrations;
import dev.hookflow.activities.http.DownstreamHttp;
import dev.hookflow.activities.http.Downstreams;
import dev.hookflow.activities.relay.RelayDestinations;
import dev.hookflow.hub.platform.config.HookflowConfig;
import dev.hookflow.hub.platform.config.TemporalConfig;
import dev.hookflow.hub.platform.policy.PolicyRegistry;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Temporal worker in this process when the role includes it ({@code all}, {@code worker}):
 * every shipped integration's workflows and activities ({@code Integrations.shipped()}) on the
 * hub's task queue.
 */
@Singleton
public class WorkerLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerLifecycle.class);

  private final WorkflowClient client;
  private final HookflowConfig hub;
  private final TemporalConfig temporal;
  private final PolicyRegistry policies;
  private final Downstreams downstreams;
  private final DownstreamHttp http;
  private final RelayDestinations relay;
  private final dev.hookflow.hub.platform.tracing.Tracing tracing;
  private final jakarta.inject.Provider<dev.hookflow.activities.delivery.Outbound> outbound;
  private static final int START_RETRY_SECONDS = 3;

  private WorkerFactory factory;
  private ScheduledExecutorService retries;
  private boolean stopped;
  private boolean started;

  public WorkerLifecycle(
      WorkflowClient client,
      HookflowConfig hub,
      TemporalConfig temporal,
      PolicyRegistry policies,
      Downstreams downstreams,
      DownstreamHttp http,
      RelayDestinations relay,
      dev.hookflow.hub.platform.tracing.Tracing tracing,
      jakarta.inject.Provider<dev.hookflow.activities.delivery.Outbound> outbound) {
    this.tracing = tracing;
    this.outbound = outbound;
    this.policies = policies;
    this.downstreams = downstreams;
    this.http = http;
    this.relay = relay;
    this.client = client;
    this.hub = hub;
    this.temporal = temporal;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    if (!hub.getRole().worker()) {
      LOG.info("Worker: off (role {})", hub.getRole().name().toLowerCase());
      return;
    }
    io.temporal.worker.WorkerFactoryOptions.Builder options =
        io.temporal.worker.WorkerFactoryOptions.newBuilder();
    if (tracing.enabled()) {
      // Workflow and activity spans continue the trace the starting client sent along.
      options.setWorkerInterceptors(
          new io.temporal.opentracing.OpenTracingWorkerInterceptor(tracing.temporalOptions()));
    }
    factory = WorkerFactory.newInstance(client, options.build());
    Worker worker = factory.newWorker(temporal.getTaskQueue());
    worker.registerWorkflowImplementationTypes(
        policies.implementationOptions(), Integrations.workflowImplementations());
    worker.registerActivitiesImplementations(
        Integrations.activityImplementations(
            new Integration.Wiring(downstreams, http, relay, Clock.systemUTC(), outbound.get())));
    start();
  }

  /**
   * Starts polling. The SDK first asks Temporal about the namespace; while Temporal cannot be
   * reached (down, or still starting next to the hub) that is tried again every few seconds instead
   * of failing the process, so intake answers (503 until Temporal is back) and the worker joins by
   * itself. Any other refusal (an unknown namespace, no permission) stops start-up.
   */
  private void start() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      try {
        factory.start();
        started = true;
      } catch (RuntimeException e) {
        if (!GrpcStatus.unreachable(e)) {
          throw e;
        }
        if (retries == null) {
          retries =
              Executors.newSingleThreadScheduledExecutor(
                  r -> {
                    Thread thread = new Thread(r, "hookflow-worker-start");
                    thread.setDaemon(true);
                    return thread;
                  });
        }
        LOG.warn(
            "Worker: Temporal not reachable ({}); trying again in {} s",
            GrpcStatus.of(e).map(s -> s.getCode().name()).orElse("?"),
            START_RETRY_SECONDS);
        retries.schedule(this::startLater, START_RETRY_SECONDS, TimeUnit.SECONDS);
        return;
      }
    }
    LOG.info("Worker: polling task queue {}", temporal.getTaskQueue());
  }

  private void startLater() {
    try {
      start();
    } catch (RuntimeException e) {
      // Reachable now, but refused (unknown namespace, no permission): nothing to retry.
      LOG.error("Worker: cannot start, this process runs no workflows: {}", e.getMessage());
    }
  }

  @EventListener
  void onShutdown(ShutdownEvent event) {
    synchronized (this) {
      stopped = true;
      if (retries != null) {
        retries.shutdownNow();
      }
      if (!started) {
        return; // nothing polls; the SDK's shutdown would call the unreachable Temporal
      }
    }
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
  }
}
