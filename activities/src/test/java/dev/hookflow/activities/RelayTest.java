package dev.hookflow.activities;

import static dev.hookflow.activities.testing.ScriptedDownstream.Answer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookflow.activities.testing.ScriptedDownstream.Call;
import dev.hookflow.activities.testing.WorkerFixture;
import dev.hookflow.signatures.StandardWebhooks;
import dev.hookflow.workflows.Events;
import dev.hookflow.workflows.policy.FailureTypes;
import dev.hookflow.workflows.policy.Policy;
import dev.hookflow.workflows.relay.RelayInput;
import dev.hookflow.workflows.relay.RelayResult;
import dev.hookflow.workflows.relay.RelayTarget;
import dev.hookflow.workflows.relay.RelayWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Relay to two destinations over loopback HTTP, each on its own policy. */
class RelayTest {
  static final Policy QUICK =
      new Policy(
          "quick",
          Duration.ofSeconds(2),
          2.0,
          Duration.ofMinutes(1),
          4,
          Duration.ofSeconds(10),
          Duration.ZERO,
          FailureTypes.NON_RETRYABLE);

  private WorkerFixture fx;

  @BeforeEach
  void start() throws Exception {
    fx = new WorkerFixture().destination("audit", "healthy").destination("audit", "broken");
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private RelayInput input() {
    var event = Events.checkout("evt_relay", "5");
    var routed =
        new dev.hookflow.workflows.event.WebhookEvent(
            event.source(),
            event.eventId(),
            event.type(),
            event.receivedAt(),
            "audit",
            event.headers(),
            event.payload());
    return new RelayInput(
        routed, List.of(new RelayTarget("healthy", QUICK), new RelayTarget("broken", QUICK)));
  }

  @Test
  void shouldDeliverToHealthyAndDeadLetterBrokenThenDeliverOnReplay() throws Exception {
    fx.downstream.always("POST /relay/broken", status(503));
    WorkflowStub first =
        fx.client.newUntypedWorkflowStub(RelayWorkflow.TYPE, fx.options("relay-1"));
    first.start(input());

    WorkflowFailedException failed =
        assertThrows(WorkflowFailedException.class, () -> first.getResult(RelayResult.class));

    String reason = ((ApplicationFailure) failed.getCause()).getOriginalMessage();
    assertTrue(reason.contains("failed for 1 of 2 destination(s): broken"), reason);
    assertTrue(reason.contains("answered 503"), reason);
    assertEquals(1, fx.downstream.calls("POST /relay/healthy").size());
    List<Call> broken = fx.downstream.calls("POST /relay/broken");
    assertEquals(4, broken.size(), "the destination's policy allows 4 attempts");
    assertEquals(2000, broken.get(1).atMillis() - broken.get(0).atMillis(), 900);

    // One delivery path: the event is a message of the route's application, every attempt a row.
    var sql = fx.store.getBean(dev.hookflow.store.Listings.class);
    List<String> rows =
        sql.query(
            "SELECT e.uid || ':' || a.response_status_code FROM message_attempt a"
                + " JOIN endpoint e ON e.id = a.endpoint_id JOIN message m ON m.id = a.msg_id"
                + " JOIN application p ON p.id = m.app_id"
                + " WHERE p.uid = 'relay-audit' AND m.event_id = 'stripe-evt_relay'"
                + " ORDER BY a.id",
            List.of(),
            rs -> rs.getString(1));
    assertEquals(1, rows.stream().filter("healthy:200"::equals).count(), rows.toString());
    assertEquals(4, rows.stream().filter("broken:503"::equals).count(), rows.toString());
    assertEquals(
        List.of("broken:2", "healthy:0"),
        sql.query(
            "SELECT e.uid || ':' || d.status FROM message_destination d"
                + " JOIN endpoint e ON e.id = d.endpoint_id ORDER BY e.uid",
            List.of(),
            rs -> rs.getString(1)),
        "fail at broken, success at healthy");

    Call delivered = fx.downstream.calls("POST /relay/healthy").get(0);
    assertSigned(delivered);
    assertEquals("stripe-evt_relay", delivered.header("webhook-id"));
    assertEquals("checkout.session.completed", delivered.header("Hookflow-Event-Type"));
    assertTrue(delivered.body().contains("\"order_id\":\"5\""), delivered.body());

    // The destination recovers; a replay is a new run of the same workflow id with the same input.
    fx.downstream.always("POST /relay/broken", status(200));
    WorkflowStub replay =
        fx.client.newUntypedWorkflowStub(
            RelayWorkflow.TYPE,
            WorkflowOptions.newBuilder(fx.options("relay-1"))
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    replay.start(input());
    RelayResult result = replay.getResult(RelayResult.class);

    assertEquals(2, result.receipts().size());
    List<Call> brokenNow = fx.downstream.calls("POST /relay/broken");
    Call recovered = brokenNow.get(brokenNow.size() - 1);
    assertSigned(recovered);
    assertEquals("stripe-evt_relay", recovered.header("webhook-id"), "receivers can dedupe");
    assertFalse(
        broken.get(0).header("Idempotency-Key").equals(recovered.header("Idempotency-Key")),
        "a replay is a new run: a downstream must not answer it from its idempotency cache");
  }

  @Test
  void shouldFailAtOnceWhenDestinationRejects() throws Exception {
    fx.downstream.always("POST /relay/broken", status(410));
    WorkflowStub stub = fx.client.newUntypedWorkflowStub(RelayWorkflow.TYPE, fx.options("relay-2"));
    stub.start(input());

    assertThrows(WorkflowFailedException.class, () -> stub.getResult(RelayResult.class));

    assertEquals(1, fx.downstream.calls("POST /relay/broken").size());
    // One dead letter (the broken destination), counted by the workflow's metrics scope.
    long deadline = System.currentTimeMillis() + 5000;
    var deadLetters = fx.metrics.find("hookflow_dead_letters").counter();
    while ((deadLetters == null || deadLetters.count() < 1)
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
      deadLetters = fx.metrics.find("hookflow_dead_letters").counter();
    }
    assertEquals(1.0, deadLetters == null ? 0 : deadLetters.count());
  }

  private static void assertSigned(Call call) {
    String id = call.header("webhook-id");
    long timestamp = Long.parseLong(call.header("webhook-timestamp"));
    String expected =
        StandardWebhooks.signing(WorkerFixture.SECRET)
            .sign(id, timestamp, call.body().getBytes(StandardCharsets.UTF_8));
    assertEquals(expected, call.header("webhook-signature"));
    assertTrue(Math.abs(System.currentTimeMillis() / 1000 - timestamp) < 600);
  }
}
