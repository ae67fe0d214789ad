package dev.hookflow.hub.temporal;

import dev.hookflow.activities.ci.CiActivitiesImpl;
import dev.hookflow.activities.eventlog.EventLogActivitiesImpl;
import dev.hookflow.activities.http.DownstreamHttp;
import dev.hookflow.activities.http.Downstreams;
import dev.hookflow.activities.order.OrderActivitiesImpl;
import dev.hookflow.activities.relay.RelayActivitiesImpl;
import dev.hookflow.hub.config.HookflowConfig;
import dev.hookflow.hub.config.TemporalConfig;
import dev.hookflow.hub.downstream.DownstreamFactory;
import dev.hookflow.hub.policy.PolicyRegistry;
import dev.hookflow.workflows.ShippedWorkflows;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Temporal worker in this process when the role includes it ({@code all}, {@code worker}):
 * every shipped workflow and activity on the hub's task queue.
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
  private final DownstreamFactory.RelayDestinations relay;
  private WorkerFactory factory;

  public WorkerLifecycle(
      WorkflowClient client,
      HookflowConfig hub,
      TemporalConfig temporal,
      PolicyRegistry policies,
      Downstreams downstreams,
      DownstreamHttp http,
      DownstreamFactory.RelayDestinations relay) {
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
    factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(temporal.getTaskQueue());
    worker.registerWorkflowImplementationTypes(
        policies.implementationOptions(), ShippedWorkflows.implementations());
    worker.registerActivitiesImplementations(
        new EventLogActivitiesImpl(),
        new OrderActivitiesImpl(downstreams, http),
        new CiActivitiesImpl(downstreams, http),
        new RelayActivitiesImpl(relay::find, http, Clock.systemUTC()));
    factory.start();
    LOG.info("Worker: polling task queue {}", temporal.getTaskQueue());
  }

  @EventListener
  void onShutdown(ShutdownEvent event) {
    if (factory != null) {
      factory.shutdown();
      factory.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
