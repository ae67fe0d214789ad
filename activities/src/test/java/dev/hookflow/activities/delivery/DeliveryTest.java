package dev.hookflow.activities.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookflow.activities.testing.Receiver;
import dev.hookflow.store.ApplicationRepository;
import dev.hookflow.store.ApplicationRow;
import dev.hookflow.store.AttemptRepository;
import dev.hookflow.store.AttemptRow;
import dev.hookflow.store.DestinationRow;
import dev.hookflow.store.Destinations;
import dev.hookflow.store.EndpointRepository;
import dev.hookflow.store.EndpointRow;
import dev.hookflow.store.Ids;
import dev.hookflow.store.Listings;
import dev.hookflow.store.MessageRepository;
import dev.hookflow.store.MessageRow;
import dev.hookflow.store.StoreContext;
import dev.hookflow.workflows.delivery.AttemptOutcome;
import dev.hookflow.workflows.delivery.DeliveryFailures;
import dev.hookflow.workflows.delivery.DeliveryWorkflowImpl;
import dev.hookflow.workflows.delivery.DispatchWorkflowImpl;
import dev.hookflow.workflows.event.SearchAttributeNames;
import dev.hookflow.workflows.policy.RetrySchedule;
import io.micronaut.context.ApplicationContext;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deliveries end to end on the Temporal test server (time skipping: the schedule's waits pass at
 * once) and the real embedded PostgreSQL, to a real HTTP receiver on loopback that verifies every
 * signature with the official Svix library.
 */
class DeliveryTest {
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String OLD_SECRET =
      "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]);
  static final String QUEUE = "outbound-test";

  static ApplicationContext store;
  static ApplicationRepository apps;
  static EndpointRepository endpoints;
  static MessageRepository messages;
  static AttemptRepository attempts;
  static Destinations destinations;
  static Listings sql;

  TestWorkflowEnvironment env;
  DeliveryStarter starter;
  Receiver receiver;
  String appId;

  @BeforeAll
  static void database() {
    store = StoreContext.start();
    apps = store.getBean(ApplicationRepository.class);
    endpoints = store.getBean(EndpointRepository.class);
    messages = store.getBean(MessageRepository.class);
    attempts = store.getBean(AttemptRepository.class);
    destinations = store.getBean(Destinations.class);
    sql = store.getBean(Listings.class);
  }

  @AfterAll
  static void closeDatabase() {
    store.close();
  }

  @BeforeEach
  void temporal() throws Exception {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    for (String name : SearchAttributeNames.ALL) {
      options.registerSearchAttribute(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    env = TestWorkflowEnvironment.newInstance(options.build());
    receiver = new Receiver().trusting(SECRET);
    OutboundSettings settings =
        new OutboundSettings(
            RetrySchedule.parse("0s,5s,5m,30m"),
            Duration.ofSeconds(5),
            OutboundSettings.HeaderStyle.WEBHOOK,
            QUEUE,
            "Hookflow/test");
    starter = new DeliveryStarter(env.getWorkflowClient(), settings);
    WebhookSender sender = new WebhookSender(settings.requestTimeout(), Clock.systemUTC());
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(
        DispatchWorkflowImpl.class, DeliveryWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new DispatchActivitiesImpl(messages, new FanOut(destinations, starter, Clock.systemUTC())),
        new DeliveryActivitiesImpl(
            messages, endpoints, attempts, destinations, sender, settings, Clock.systemUTC()));
    env.start();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    appId =
        apps.save(new ApplicationRow(Ids.next("app_"), null, "Acme", "{}", null, now, now)).id();
  }

  @AfterEach
  void stop() {
    env.close();
    receiver.close();
  }

  EndpointRow endpoint(String path, String[] types, String[] channels, String headers) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return endpoints.save(
        new EndpointRow(
            Ids.next("ep_"),
            appId,
            null,
            receiver.url(path),
            "",
            false,
            types,
            channels,
            null,
            "{}",
            headers,
            SECRET,
            null,
            null,
            now,
            now));
  }

  MessageRow message(String type, String[] channels) {
    return messages.save(
        new MessageRow(
            Ids.next("msg_"),
            appId,
            null,
            type,
            channels,
            "{\"order\":42,\"note\":\"caf\\u00e9\"}",
            Instant.now().truncatedTo(ChronoUnit.MICROS)));
  }

  /** Dispatches and waits until every delivery it started has closed. */
  void dispatchAndWait(MessageRow msg) {
    starter.dispatch(appId, msg.id(), msg.eventType(), null);
    WorkflowClient client = env.getWorkflowClient();
    int total =
        client
            .newUntypedWorkflowStub(DeliveryStarter.dispatchId(appId, msg.id()))
            .getResult(Integer.class);
    for (DestinationRow d : rows(msg.id())) {
      WorkflowStub delivery =
          client.newUntypedWorkflowStub(
              DeliveryStarter.deliveryId(appId, msg.id(), d.endpointId()));
      try {
        delivery.getResult(AttemptOutcome.class);
      } catch (WorkflowFailedException e) {
        // a dead letter: asserted by the tests
      }
    }
    assertEquals(total, rows(msg.id()).size());
  }

  List<DestinationRow> rows(String msgId) {
    return sql.query(
        "SELECT * FROM message_destination WHERE msg_id = ? ORDER BY endpoint_id",
        List.of(msgId),
        Destinations::row);
  }

  List<AttemptRow> attemptsOf(String msgId) {
    return sql.query(
        "SELECT * FROM message_attempt WHERE msg_id = ? ORDER BY id",
        List.of(msgId),
        sql.entity(AttemptRow.class));
  }

  @Test
  void aPublishStartsFewDeliveriesItselfAndARepeatStartsOnlyWhatWasMissed() {
    EndpointRow first = endpoint("/a", null, null, "{}");
    EndpointRow second = endpoint("/b", null, null, "{}");
    FanOut fanOut = new FanOut(destinations, starter, Clock.systemUTC());
    WorkflowClient client = env.getWorkflowClient();

    MessageRow msg = message("invoice.paid", null);
    FanOut.Started started = fanOut.publish(msg, null);

    assertEquals(2, started.deliveries());
    assertEquals(DeliveryStarter.deliveryId(appId, msg.id(), first.id()), started.workflowId());
    io.grpc.StatusRuntimeException missing =
        assertThrows(
            io.grpc.StatusRuntimeException.class,
            () ->
                client
                    .getWorkflowServiceStubs()
                    .blockingStub()
                    .describeWorkflowExecution(
                        io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest
                            .newBuilder()
                            .setNamespace(client.getOptions().getNamespace())
                            .setExecution(
                                io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                                    .setWorkflowId(DeliveryStarter.dispatchId(appId, msg.id())))
                            .build()));
    assertEquals(
        io.grpc.Status.Code.NOT_FOUND,
        missing.getStatus().getCode(),
        "no dispatch workflow for two endpoints");
    for (EndpointRow ep : List.of(first, second)) {
      client
          .newUntypedWorkflowStub(DeliveryStarter.deliveryId(appId, msg.id(), ep.id()))
          .getResult(AttemptOutcome.class);
    }
    assertEquals(2, receiver.requests.size());
    assertEquals(0, fanOut.repair(msg, null), "a repeat of a delivered message starts nothing");

    // A publish interrupted after its first start: both recorded pending, one started.
    MessageRow cut = message("invoice.paid", null);
    destinations.addPending(appId, cut.id(), List.of(first.id(), second.id()), Instant.now());
    starter.deliver(appId, cut.id(), first.id(), cut.eventType(), null);

    assertEquals(1, fanOut.repair(cut, null), "the repeat starts the one that was missed");
    client
        .newUntypedWorkflowStub(DeliveryStarter.deliveryId(appId, cut.id(), second.id()))
        .getResult(AttemptOutcome.class);
    client
        .newUntypedWorkflowStub(DeliveryStarter.deliveryId(appId, cut.id(), first.id()))
        .getResult(AttemptOutcome.class);
    assertEquals(
        2, receiver.requests.stream().filter(r -> cut.id().equals(r.header("webhook-id"))).count());
  }

  @Test
  void aMessageReachesTheEndpointSignedAfterFailuresOnTheSchedule() {
    receiver.answering(500, 503);
    EndpointRow ep =
        endpoint("/hook", null, null, "{\"X-Tenant\":\"acme\",\"webhook-id\":\"forged\"}");
    MessageRow msg = message("invoice.paid", null);
    dispatchAndWait(msg);

    assertEquals(3, receiver.requests.size());
    for (Receiver.Request r : receiver.requests) {
      assertEquals(List.of(true), r.verified(), "the Svix library verifies every attempt");
      assertEquals(msg.id(), r.header("webhook-id"));
      assertEquals("acme", r.header("X-Tenant"));
      assertEquals("Hookflow/test", r.header("user-agent"));
      assertTrue(r.header("content-type").startsWith("application/json"));
      assertEquals(msg.payload(), r.body(), "the stored bytes are the body");
      assertNull(r.header("svix-id"));
    }
    List<AttemptRow> rows = attemptsOf(msg.id());
    assertEquals(
        List.of(500, 503, 200), rows.stream().map(AttemptRow::responseStatusCode).toList());
    assertEquals(List.of(2, 2, 0), rows.stream().map(AttemptRow::status).toList());
    assertEquals("answer 500", rows.get(0).response());
    assertTrue(rows.stream().allMatch(a -> a.triggerType() == 0 && a.endpointId().equals(ep.id())));
    assertEquals(DestinationRow.SUCCESS, rows(msg.id()).get(0).status());
  }

  @Test
  void theLastFailedAttemptMakesADeadLetter() {
    receiver.answering(500, 500, 500, 500, 500);
    endpoint("/down", null, null, "{}");
    MessageRow msg = message("invoice.paid", null);
    dispatchAndWait(msg);
    assertEquals(4, receiver.requests.size(), "the schedule has 4 attempts");
    assertEquals(4, attemptsOf(msg.id()).size(), "each attempt recorded once");
    DestinationRow state = rows(msg.id()).get(0);
    assertEquals(DestinationRow.FAIL, state.status());
    WorkflowFailedException failed =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                env.getWorkflowClient()
                    .newUntypedWorkflowStub(
                        DeliveryStarter.deliveryId(appId, msg.id(), state.endpointId()))
                    .getResult(AttemptOutcome.class));
    assertEquals(
        DeliveryFailures.EXHAUSTED, ((ApplicationFailure) failed.getCause().getCause()).getType());
  }

  @Test
  void goneStopsTheRetries() {
    receiver.answering(410);
    endpoint("/gone", null, null, "{}");
    MessageRow msg = message("invoice.paid", null);
    dispatchAndWait(msg);
    assertEquals(1, receiver.requests.size());
    assertEquals(DestinationRow.FAIL, rows(msg.id()).get(0).status());
  }

  @Test
  void onlyMatchingEnabledEndpointsGetTheMessage() {
    endpoint("/all", null, null, "{}");
    endpoint("/paid", new String[] {"invoice.paid"}, null, "{}");
    endpoint("/other", new String[] {"user.created"}, null, "{}");
    endpoint("/eu", null, new String[] {"eu"}, "{}");
    MessageRow msg = message("invoice.paid", new String[] {"us"});
    dispatchAndWait(msg);
    assertEquals(
        java.util.Set.of("/all", "/paid"),
        receiver.requests.stream()
            .map(Receiver.Request::path)
            .collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void afterARotationTheOldAndTheNewSecretBothVerify() {
    receiver.trusting(OLD_SECRET);
    EndpointRow ep = endpoint("/rotated", null, null, "{}");
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    endpoints.update(ep.withSecret(SECRET, OLD_SECRET, now.plus(Duration.ofHours(24)), now));
    MessageRow msg = message("invoice.paid", null);
    dispatchAndWait(msg);
    assertEquals(List.of(true, true), receiver.requests.get(0).verified());
    assertEquals(2, receiver.requests.get(0).header("webhook-signature").split(" ").length);
  }

  @Test
  void aResendIsOneManualAttempt() {
    endpoint("/again", null, null, "{}");
    MessageRow msg = message("invoice.paid", null);
    dispatchAndWait(msg);
    String endpointId = rows(msg.id()).get(0).endpointId();
    String id = starter.resend(appId, msg.id(), endpointId, msg.eventType());
    env.getWorkflowClient().newUntypedWorkflowStub(id).getResult(AttemptOutcome.class);
    List<AttemptRow> rows = attemptsOf(msg.id());
    assertEquals(List.of(0, 1), rows.stream().map(AttemptRow::triggerType).toList());
    assertEquals(2, receiver.requests.size());
  }

  @Test
  void svixHeadersGoOutWhenAsked() throws Exception {
    OutboundSettings both =
        new OutboundSettings(
            RetrySchedule.parse("0s"),
            Duration.ofSeconds(5),
            OutboundSettings.HeaderStyle.BOTH,
            QUEUE,
            "x");
    DeliveryActivitiesImpl impl =
        new DeliveryActivitiesImpl(
            messages, endpoints, attempts, destinations, null, both, Clock.systemUTC());
    EndpointRow ep = endpoint("/x", null, null, "{}");
    MessageRow msg = message("a", null);
    var headers =
        impl.headers(msg, ep, Instant.ofEpochSecond(1_700_000_000L), msg.payload().getBytes());
    assertEquals(msg.id(), headers.get("svix-id"));
    assertEquals(headers.get("webhook-signature"), headers.get("svix-signature"));
    assertNotNull(headers.get("webhook-timestamp"));
  }

  @Test
  void retryAfterLengthensTheWaitUpToTwiceTheSchedule() {
    Duration five = Duration.ofMinutes(5);
    assertEquals(five, DeliveryActivitiesImpl.nextDelay(five, null));
    assertEquals(five, DeliveryActivitiesImpl.nextDelay(five, Duration.ofSeconds(30)));
    assertEquals(
        Duration.ofMinutes(7), DeliveryActivitiesImpl.nextDelay(five, Duration.ofMinutes(7)));
    assertEquals(
        Duration.ofMinutes(10), DeliveryActivitiesImpl.nextDelay(five, Duration.ofHours(3)));
  }
}
