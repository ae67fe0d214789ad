package dev.hookflow.activities.testing;

import dev.hookflow.activities.Integrations;
import dev.hookflow.activities.ci.CiActivitiesImpl;
import dev.hookflow.activities.delivery.DeliveryActivitiesImpl;
import dev.hookflow.activities.delivery.OutboundSettings;
import dev.hookflow.activities.delivery.WebhookSender;
import dev.hookflow.activities.http.Downstream;
import dev.hookflow.activities.http.DownstreamHttp;
import dev.hookflow.activities.http.Downstreams;
import dev.hookflow.activities.order.OrderActivitiesImpl;
import dev.hookflow.activities.relay.RelayActivitiesImpl;
import dev.hookflow.activities.relay.RelayDestination;
import dev.hookflow.activities.relay.RelayDestinations;
import dev.hookflow.signatures.StandardWebhooks;
import dev.hookflow.store.AttemptRepository;
import dev.hookflow.store.ConfiguredApplications;
import dev.hookflow.store.Destinations;
import dev.hookflow.store.EndpointRepository;
import dev.hookflow.store.MessageRepository;
import dev.hookflow.store.StoreContext;
import dev.hookflow.workflows.event.SearchAttributeNames;
import dev.hookflow.workflows.policy.Policies;
import dev.hookflow.workflows.policy.PolicyOptions;
import dev.hookflow.workflows.policy.RetrySchedule;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A time-skipping Temporal test environment whose worker runs the shipped workflows with the
 * shipped policies and the real HTTP activities, all pointed at one {@link ScriptedDownstream}:
 * downstream {@code inventory} at {@code /inventory}, {@code shipping} at {@code /shipping}, and so
 * on; relay destinations at {@code /relay/<name>}. Relays are deliveries, so the worker also has
 * the delivery activities on a database of the JVM's embedded PostgreSQL ({@link #store}).
 */
public final class WorkerFixture implements AutoCloseable {
  public static final String QUEUE = "hookflow-test";
  public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  public final TestWorkflowEnvironment env;
  public final ScriptedDownstream downstream;
  public final WorkflowClient client;

  /** What the HTTP layer counted (downstream metrics). */
  public final io.micrometer.core.instrument.simple.SimpleMeterRegistry metrics =
      new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

  private final DownstreamHttp http =
      new DownstreamHttp(
          Clock.systemUTC(),
          type ->
              Policies.DEFAULTS
                  .get(Policies.BINDINGS.getOrDefault(type, Policies.DOWNSTREAM.name()))
                  .maximumInterval(),
          new dev.hookflow.activities.http.DownstreamMetrics(metrics));
  private final Map<String, RelayDestination> destinations = new HashMap<>();

  /** The repositories (attempt rows of relay deliveries, ...). */
  public final io.micronaut.context.ApplicationContext store = StoreContext.start();

  private final WebhookSender sender =
      new WebhookSender(
          Duration.ofSeconds(5),
          Clock.systemUTC(),
          new dev.hookflow.activities.http.DownstreamMetrics(metrics),
          io.opentelemetry.api.OpenTelemetry.noop());

  public WorkerFixture() throws Exception {
    // The SDK's metrics (and the workflows' own, such as hookflow_compensations) into `metrics`.
    env =
        TestWorkflowEnvironment.newInstance(
            searchAttributes(io.temporal.testing.TestEnvironmentOptions.newBuilder())
                .setMetricsScope(
                    new com.uber.m3.tally.RootScopeBuilder()
                        .reporter(
                            new io.temporal.common.reporter.MicrometerClientStatsReporter(metrics))
                        .reportEvery(com.uber.m3.util.Duration.ofMillis(10)))
                .build());
    downstream = new ScriptedDownstream(env::currentTimeMillis);
    Map<String, Downstream> named = new HashMap<>();
    for (String name : new String[] {"inventory", "shipping", "notify", "payments", "ci"}) {
      named.put(name, downstream(name, downstream.url().resolve("/" + name)));
    }
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(
        PolicyOptions.defaults(), Integrations.workflowImplementations());
    worker.registerActivitiesImplementations(
        new OrderActivitiesImpl(new Downstreams(named), http),
        new CiActivitiesImpl(new Downstreams(named), http),
        new RelayActivitiesImpl(
            new RelayDestinations(destinations),
            http,
            Clock.systemUTC(),
            store.getBean(ConfiguredApplications.class),
            5),
        new DeliveryActivitiesImpl(
            store.getBean(MessageRepository.class),
            store.getBean(EndpointRepository.class),
            store.getBean(AttemptRepository.class),
            store.getBean(Destinations.class),
            sender,
            new OutboundSettings(
                RetrySchedule.parse("0s,5s"),
                Duration.ofSeconds(5),
                OutboundSettings.HeaderStyle.WEBHOOK,
                QUEUE,
                "Hookflow/test"),
            Clock.systemUTC()));
    env.start();
    client = env.getWorkflowClient();
  }

  /** Adds relay destination {@code name} of {@code route} at {@code /relay/<name>}. */
  public WorkerFixture destination(String route, String name) {
    destinations.put(
        route + "/" + name,
        new RelayDestination(
            route,
            downstream(name, downstream.url().resolve("/relay/" + name)),
            StandardWebhooks.signing(SECRET),
            Duration.ofMinutes(1),
            SECRET));
    return this;
  }

  public static Downstream downstream(String name, URI url) {
    return new Downstream(
        name,
        url,
        Map.of("Authorization", "Bearer s3cr3t-" + name),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5));
  }

  private static io.temporal.testing.TestEnvironmentOptions.Builder searchAttributes(
      io.temporal.testing.TestEnvironmentOptions.Builder options) {
    for (String name : SearchAttributeNames.ALL) {
      options.registerSearchAttribute(
          name, io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    return options;
  }

  public WorkflowOptions options(String workflowId) {
    return WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(workflowId).build();
  }

  @Override
  public void close() {
    env.close();
    downstream.close();
    http.close();
    sender.close();
    store.close();
  }
}
