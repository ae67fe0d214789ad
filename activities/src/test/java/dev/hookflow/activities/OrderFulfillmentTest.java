package dev.hookflow.activities;

import static dev.hookflow.activities.testing.ScriptedDownstream.Answer.json;
import static dev.hookflow.activities.testing.ScriptedDownstream.Answer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookflow.activities.testing.ScriptedDownstream.Call;
import dev.hookflow.activities.testing.WorkerFixture;
import dev.hookflow.workflows.Events;
import dev.hookflow.workflows.order.OrderFulfillmentWorkflow;
import dev.hookflow.workflows.order.OrderResult;
import dev.hookflow.workflows.policy.FailureTypes;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order saga against a real HTTP downstream on loopback, under the shipped policies, with
 * Temporal's time-skipping test server.
 */
class OrderFulfillmentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private WorkerFixture fx;

  @BeforeEach
  void start() throws Exception {
    fx = new WorkerFixture();
    fx.downstream
        .always("POST /inventory/reservations", json(201, "{\"reservationId\":\"r-1\"}"))
        .always("POST /shipping/shipments", json(201, "{\"shipmentId\":\"s-1\"}"))
        .always("DELETE /inventory/reservations/", status(204))
        .always("POST /payments/refunds", json(200, "{\"refundId\":\"re_1\"}"));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private WorkflowStub start(String orderId) {
    WorkflowStub stub =
        fx.client.newUntypedWorkflowStub(
            OrderFulfillmentWorkflow.TYPE, fx.options("order-" + orderId));
    stub.start(Events.checkout("evt_" + orderId, orderId));
    return stub;
  }

  @Test
  void shouldRetryWithPolicyBackoffAndOneIdempotencyKeyWhenDownstreamAnswers503() {
    fx.downstream.script(
        "POST /inventory/reservations",
        status(503),
        status(503),
        status(503),
        status(503),
        json(201, "{\"reservationId\":\"r-7\"}"));

    OrderResult result = start("7").getResult(OrderResult.class);

    assertEquals("fulfilled", result.status());
    assertEquals("r-7", result.reservationId());
    List<Call> attempts = fx.downstream.calls("POST /inventory/reservations");
    assertEquals(5, attempts.size());
    // downstream policy: 1 s, x2 -> gaps 1, 2, 4, 8 s (test server time; attempts take ms).
    long[] expected = {1000, 2000, 4000, 8000};
    for (int i = 0; i < expected.length; i++) {
      long gap = attempts.get(i + 1).atMillis() - attempts.get(i).atMillis();
      assertTrue(
          gap >= expected[i] && gap < expected[i] + 900,
          "gap " + (i + 1) + " was " + gap + " ms, policy says " + expected[i]);
    }
    String key = attempts.get(0).header("Idempotency-Key");
    assertTrue(key.startsWith("order-7/"), key);
    attempts.forEach(c -> assertEquals(key, c.header("Idempotency-Key")));
    assertEquals("Bearer s3cr3t-inventory", attempts.get(0).header("Authorization"));
    assertTrue(attempts.get(0).body().contains("\"orderId\":\"7\""));
    // each step has its own key
    assertFalse(key.equals(fx.downstream.calls("POST /shipping").get(0).header("Idempotency-Key")));
    assertEquals(1, fx.downstream.calls("POST /notify/messages").size());
    assertEquals(0, fx.downstream.calls("DELETE").size());
    assertEquals(0, fx.downstream.calls("POST /payments").size());
    // Downstream metrics: every attempt, by status class; the four after the first are retries.
    assertEquals(4.0, requests("inventory", "5xx"));
    assertEquals(1.0, requests("inventory", "2xx"));
    assertEquals(
        4.0,
        fx.metrics
            .get("hookflow.downstream.retries")
            .tag("downstream", "inventory")
            .counter()
            .count());
    assertEquals(
        5L,
        fx.metrics
            .get("hookflow.downstream.duration")
            .tag("downstream", "inventory")
            .timer()
            .count());
  }

  /** The workflow's own metric, reported through the SDK's metrics scope. */
  private void assertCompensations(String undo, double expected) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    double count = 0;
    while (System.currentTimeMillis() < deadline) {
      var counter =
          fx.metrics.find("hookflow_compensations").tags("undo", undo, "outcome", "done").counter();
      count = counter == null ? 0 : counter.count();
      if (count >= expected) {
        break;
      }
      Thread.sleep(20);
    }
    assertEquals(expected, count, "hookflow_compensations{undo=" + undo + "}");
  }

  private double requests(String downstream, String statusClass) {
    return fx.metrics
        .get("hookflow.downstream.requests")
        .tags("downstream", downstream, "status_class", statusClass)
        .counter()
        .count();
  }

  @Test
  void shouldSendHeaderSafeIdempotencyKeyWhenOrderIdHasCharactersHeadersCannotCarry() {
    OrderResult result = start("ü 8%").getResult(OrderResult.class);

    assertEquals("fulfilled", result.status());
    String key =
        fx.downstream.calls("POST /inventory/reservations").get(0).header("Idempotency-Key");
    assertTrue(key.startsWith("order-%C3%BC 8%25/"), key);
  }

  @Test
  void shouldWaitRetryAfterInsteadOfPolicyIntervalWhenDownstreamAnswers429() {
    fx.downstream.script(
        "POST /inventory/reservations",
        status(429).withHeader("Retry-After", "7"),
        json(201, "{\"reservationId\":\"r-8\"}"));

    start("8").getResult(OrderResult.class);

    List<Call> attempts = fx.downstream.calls("POST /inventory/reservations");
    assertEquals(2, attempts.size());
    long gap = attempts.get(1).atMillis() - attempts.get(0).atMillis();
    assertTrue(gap >= 7000 && gap < 7900, "gap was " + gap + " ms, Retry-After said 7 s");
  }

  @Test
  void shouldCapRetryAfterAtPolicyMaximumIntervalWhenDownstreamAsksForLonger() {
    fx.downstream.script(
        "POST /inventory/reservations",
        status(503).withHeader("Retry-After", "3600"),
        json(201, "{\"reservationId\":\"r-9\"}"));

    start("9").getResult(OrderResult.class);

    List<Call> attempts = fx.downstream.calls("POST /inventory/reservations");
    long gap = attempts.get(1).atMillis() - attempts.get(0).atMillis();
    assertTrue(gap >= 300_000 && gap < 300_900, "gap was " + gap + " ms, cap is 5 min");
  }

  @Test
  void shouldCallOnceThenCompensateWhenDownstreamAnswers400() {
    fx.downstream.script("POST /inventory/reservations", json(400, "{\"error\":\"unknown sku\"}"));

    WorkflowFailedException failed =
        assertThrows(WorkflowFailedException.class, () -> start("10").getResult(OrderResult.class));

    assertEquals(1, fx.downstream.calls("POST /inventory/reservations").size());
    assertEquals(0, fx.downstream.calls("DELETE").size(), "nothing was reserved");
    assertEquals(
        1.0,
        fx.metrics
            .get("hookflow.downstream.failures")
            .tags("downstream", "inventory", "type", FailureTypes.DOWNSTREAM_REJECTED)
            .counter()
            .count());
    assertEquals(1, fx.downstream.calls("POST /payments/refunds").size());
    ApplicationFailure reason = assertInstanceOf(ApplicationFailure.class, failed.getCause());
    assertEquals(FailureTypes.ORDER_FAILED, reason.getType());
    assertTrue(
        reason.getOriginalMessage().contains("inventory POST /reservations answered 400"),
        reason.getOriginalMessage());
    assertTrue(reason.getOriginalMessage().contains("unknown sku"));
    assertFalse(reason.getOriginalMessage().contains("s3cr3t"), "credentials never in failures");
  }

  @Test
  void shouldReleaseThenRefundExactlyOnceWhenShipmentFailsForGood() throws Exception {
    fx.downstream.script("POST /shipping/shipments", json(422, "{\"error\":\"no carrier\"}"));

    WorkflowFailedException failed =
        assertThrows(WorkflowFailedException.class, () -> start("11").getResult(OrderResult.class));

    List<Call> undo =
        fx.downstream.calls().stream()
            .filter(c -> c.method().equals("DELETE") || c.path().startsWith("/payments"))
            .toList();
    assertEquals(2, undo.size(), undo.toString());
    assertCompensations("release reservation", 1.0);
    assertCompensations("refund payment", 1.0);
    assertEquals(
        "DELETE /inventory/reservations/r-1", undo.get(0).method() + " " + undo.get(0).path());
    assertEquals("POST /payments/refunds", undo.get(1).method() + " " + undo.get(1).path());
    var refund = JSON.readTree(undo.get(1).body());
    assertEquals("pi_11", refund.get("paymentIntent").asText());
    assertEquals(4200, refund.get("amount").asLong());
    assertEquals("11", refund.get("orderId").asText());
    assertEquals(0, fx.downstream.calls("POST /notify").size());
    String reason = ((ApplicationFailure) failed.getCause()).getOriginalMessage();
    assertTrue(reason.contains("failed at create shipment"), reason);
    assertTrue(reason.contains("undone: release reservation, refund payment"), reason);
  }

  @Test
  void shouldCompensateWhenShipmentRetriesAreExhausted() {
    fx.downstream.always("POST /shipping/shipments", status(502));

    assertThrows(WorkflowFailedException.class, () -> start("12").getResult(OrderResult.class));

    assertEquals(10, fx.downstream.calls("POST /shipping/shipments").size(), "maximum attempts");
    assertEquals(1, fx.downstream.calls("DELETE /inventory/reservations/r-1").size());
    assertEquals(1, fx.downstream.calls("POST /payments/refunds").size());
  }

  @Test
  void shouldReleaseByTheReserveStepsKeyWhenItsAnswerWasLostAndRetriesRanOut() {
    // The inventory makes the reservation, but every answer is lost on the way back (504 from the
    // gateway in front of it): the workflow never learns the reservation id.
    fx.downstream.always("POST /inventory/reservations", status(504));

    WorkflowFailedException failed =
        assertThrows(WorkflowFailedException.class, () -> start("15").getResult(OrderResult.class));

    List<Call> reserves = fx.downstream.calls("POST /inventory/reservations");
    assertEquals(10, reserves.size(), "maximum attempts");
    String key = reserves.get(0).header("Idempotency-Key");
    assertTrue(key.startsWith("order-15/"), key);
    assertTrue(
        reserves.stream().allMatch(c -> key.equals(c.header("Idempotency-Key"))),
        "one key on every retry of the step");
    List<Call> releases = fx.downstream.calls("DELETE /inventory/reservations/");
    assertEquals(1, releases.size(), releases.toString());
    assertEquals(
        "/inventory/reservations/by-key/"
            + java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8),
        releases.get(0).path());
    assertEquals(key, releases.get(0).header("Hookflow-Undoes"));
    assertEquals(0, fx.downstream.calls("POST /shipping").size());
    String reason = ((ApplicationFailure) failed.getCause()).getOriginalMessage();
    assertTrue(reason.contains("undone: release reservation, refund payment"), reason);
  }

  @Test
  void shouldRetryCompensationThroughFlakyDownstreamUntilItSucceeds() {
    fx.downstream.script("POST /shipping/shipments", status(400));
    fx.downstream.script(
        "DELETE /inventory/reservations/r-1", status(500), status(503), status(500), status(204));
    fx.downstream.script(
        "POST /payments/refunds", status(502), json(200, "{\"refundId\":\"re_2\"}"));

    WorkflowFailedException failed =
        assertThrows(WorkflowFailedException.class, () -> start("13").getResult(OrderResult.class));

    assertEquals(4, fx.downstream.calls("DELETE /inventory/reservations/r-1").size());
    assertEquals(2, fx.downstream.calls("POST /payments/refunds").size());
    Call lastDelete = fx.downstream.calls("DELETE").get(3);
    Call firstRefund = fx.downstream.calls("POST /payments").get(0);
    assertTrue(lastDelete.atMillis() <= firstRefund.atMillis(), "release before refund");
    String reason = ((ApplicationFailure) failed.getCause()).getOriginalMessage();
    assertFalse(reason.contains("undo FAILED"), reason);
  }

  @Test
  void shouldReleaseAndNotRefundTwiceWhenRefundSignalArrivesMidFlight() throws Exception {
    CountDownLatch shipping = new CountDownLatch(1);
    fx.downstream.script(
        "POST /shipping/shipments", json(201, "{\"shipmentId\":\"s-late\"}").heldBy(shipping));
    WorkflowStub stub = start("14");
    fx.downstream.awaitCalls("POST /shipping/shipments", 1);

    var refund = Events.refunded("evt_refund_14", "14");
    stub.signal(OrderFulfillmentWorkflow.REFUND, refund);
    stub.signal(OrderFulfillmentWorkflow.REFUND, refund);
    OrderResult result = stub.getResult(OrderResult.class);
    shipping.countDown();

    assertEquals("refunded", result.status());
    assertEquals(List.of("release reservation"), result.compensations());
    assertEquals(1, fx.downstream.calls("DELETE /inventory/reservations/r-1").size());
    assertEquals(0, fx.downstream.calls("POST /payments/refunds").size(), "Stripe refunded it");
    assertEquals(0, fx.downstream.calls("POST /notify").size());
    assertTrue(result.reason().contains("evt_refund_14"), result.reason());
  }
}
