package dev.hookflow.activities.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookflow.store.ApplicationRepository;
import dev.hookflow.store.ApplicationRow;
import dev.hookflow.store.Destinations;
import dev.hookflow.store.Ids;
import dev.hookflow.store.Listings;
import dev.hookflow.store.MessageRepository;
import dev.hookflow.store.MessageRow;
import dev.hookflow.store.StoreContext;
import dev.hookflow.workflows.delivery.AttemptOutcome;
import dev.hookflow.workflows.delivery.DeliveryInput;
import dev.hookflow.workflows.delivery.DeliveryWorkflow;
import dev.hookflow.workflows.delivery.DispatchWorkflowImpl;
import dev.hookflow.workflows.event.SearchAttributeNames;
import dev.hookflow.workflows.policy.RetrySchedule;
import io.micronaut.context.ApplicationContext;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A message to 10,000 endpoints: the dispatch starts every delivery and stays far from Temporal's
 * history limits (50,000 events, 50 MB), with continue-as-new keeping each run short. Deliveries
 * here only note that they started; sending is DeliveryTest's subject.
 */
class FanOutTest {
  static final int ENDPOINTS = 10_000;
  static final Set<String> STARTED = ConcurrentHashMap.newKeySet();

  /** Stands in for the real delivery: records its endpoint and ends. */
  public static class NotingDelivery implements DeliveryWorkflow {
    @Override
    public AttemptOutcome deliver(DeliveryInput input) {
      STARTED.add(input.endpointId());
      return new AttemptOutcome("none", 200, 1);
    }
  }

  @Test
  void aMessageToTenThousandEndpointsIsDispatchedCompletely() throws Exception {
    try (ApplicationContext store = StoreContext.start()) {
      Listings sql = store.getBean(Listings.class);
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      String appId =
          store
              .getBean(ApplicationRepository.class)
              .save(new ApplicationRow(Ids.next("app_"), null, "Big", "{}", null, now, now))
              .id();
      List<List<Object>> rows = new ArrayList<>();
      for (int i = 0; i < ENDPOINTS; i++) {
        rows.add(List.of(Ids.next("ep_"), appId, "http://127.0.0.1:9/e" + i, "whsec_x", now, now));
      }
      sql.batch(
          "INSERT INTO endpoint (id, app_id, url, secret, created_at, updated_at)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          rows);
      MessageRow msg =
          store
              .getBean(MessageRepository.class)
              .save(new MessageRow(Ids.next("msg_"), appId, null, "a.b", null, "{}", now));

      TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
      for (String name : SearchAttributeNames.ALL) {
        options.registerSearchAttribute(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      }
      try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options.build())) {
        OutboundSettings settings =
            new OutboundSettings(
                RetrySchedule.parse("0s"),
                Duration.ofSeconds(5),
                OutboundSettings.HeaderStyle.WEBHOOK,
                "fanout",
                "Hookflow/test");
        DeliveryStarter starter = new DeliveryStarter(env.getWorkflowClient(), settings);
        Worker worker = env.newWorker("fanout");
        worker.registerWorkflowImplementationTypes(
            DispatchWorkflowImpl.class, NotingDelivery.class);
        worker.registerActivitiesImplementations(
            new DispatchActivitiesImpl(
                store.getBean(MessageRepository.class),
                new FanOut(store.getBean(Destinations.class), starter, Clock.systemUTC())));
        env.start();

        starter.dispatch(appId, msg.id(), "a.b", null);
        String dispatchId = DeliveryStarter.dispatchId(appId, msg.id());
        int total =
            env.getWorkflowClient().newUntypedWorkflowStub(dispatchId).getResult(Integer.class);
        assertEquals(ENDPOINTS, total);
        long deadline = System.currentTimeMillis() + 120_000;
        while (STARTED.size() < ENDPOINTS && System.currentTimeMillis() < deadline) {
          Thread.sleep(100);
        }
        assertEquals(ENDPOINTS, STARTED.size(), "every endpoint's delivery ran");
        assertEquals(
            ENDPOINTS,
            sql.query(
                    "SELECT count(*) FROM message_destination WHERE msg_id = ?",
                    List.of(msg.id()),
                    rs -> rs.getInt(1))
                .get(0));
        var history = env.getWorkflowClient().fetchHistory(dispatchId);
        int events = history.getEvents().size();
        long bytes = history.getHistory().getSerializedSize();
        assertTrue(events < 1_000, "the last dispatch run has " + events + " events");
        assertTrue(bytes < 1_000_000, "the last dispatch run's history is " + bytes + " bytes");
      }
    }
  }
}
