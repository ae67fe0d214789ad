package dev.hookflow.workflows.order;

import dev.hookflow.workflows.event.WebhookEvent;
import dev.hookflow.workflows.policy.FailureTypes;
import dev.hookflow.workflows.saga.Compensations;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** See {@link OrderFulfillmentWorkflow}. Retry numbers come from the worker's policy bindings. */
public class OrderFulfillmentWorkflowImpl implements OrderFulfillmentWorkflow {
  static final String RELEASE = "release reservation";
  static final String REFUND_PAYMENT = "refund payment";

  /** Version marker: the release is registered before the reserve step (1) or after it (old). */
  static final String RELEASE_BEFORE_RESERVE = "release-before-reserve";

  private final Set<String> signalled = new HashSet<>();
  private WebhookEvent refundEvent;
  private CancellationScope steps;
  private String step = "starting";
  private String reservationId;

  /** The reserve step's Idempotency-Key, known once the step failed without an answer. */
  private String reserveKey;

  private String shipmentId;

  @Override
  public OrderResult fulfil(WebhookEvent checkout) {
    OrderInput order = OrderInput.fromCheckout(checkout);
    Compensations compensations = new Compensations();
    // The payment was taken before this workflow began: an order that cannot be fulfilled is
    // refunded, after everything else is undone.
    compensations.add(
        REFUND_PAYMENT,
        () ->
            activities("POST payments /refunds " + order.paymentIntent())
                .refundPayment(order, "order " + order.orderId() + " could not be fulfilled"));
    String failedStep = null;
    ActivityFailure failure = null;
    steps =
        Workflow.newCancellationScope(
            () -> {
              enter("reserve inventory", 1);
              if (Workflow.getVersion(RELEASE_BEFORE_RESERVE, Workflow.DEFAULT_VERSION, 1)
                  == Workflow.DEFAULT_VERSION) {
                // Runs started before the change replay as they ran.
                reservationId =
                    activities("POST inventory /reservations order " + order.orderId())
                        .reserveInventory(order);
                String reservation = reservationId;
                compensations.add(
                    RELEASE,
                    () ->
                        activities("DELETE inventory /reservations/" + reservation)
                            .releaseReservation(order, reservation, null));
              } else {
                reserve(order, compensations);
              }
              enter("create shipment", 2);
              shipmentId =
                  activities("POST shipping /shipments order " + order.orderId())
                      .createShipment(order, reservationId);
              enter("notify customer", 3);
              activities("POST notify /messages order " + order.orderId())
                  .notifyCustomer(order, shipmentId);
            });
    if (refundEvent == null) {
      try {
        steps.run();
      } catch (ActivityFailure e) {
        if (refundEvent == null) {
          failedStep = step;
          failure = e;
        }
      } catch (CanceledFailure e) {
        // A refund signal cancelled the steps; handled below.
      }
    }
    if (refundEvent != null) {
      // Stripe already refunded the charge: undo our steps, but do not refund twice.
      Compensations.Outcome outcome = compensations.compensate(Set.of(REFUND_PAYMENT));
      String reason =
          "refunded by "
              + refundEvent.type()
              + " "
              + refundEvent.eventId()
              + "; "
              + outcome.describe();
      Workflow.setCurrentDetails("Refunded: " + outcome.describe());
      return new OrderResult(
          order.orderId(), "refunded", reservationId, shipmentId, outcome.done(), reason);
    }
    if (failure != null) {
      Compensations.Outcome outcome = compensations.compensate(Set.of());
      String reason =
          "Order "
              + order.orderId()
              + " failed at "
              + failedStep
              + ": "
              + FailureTypes.reasonOf(failure)
              + "; "
              + outcome.describe();
      Workflow.setCurrentDetails("Failed: " + reason);
      throw ApplicationFailure.newNonRetryableFailure(reason, FailureTypes.ORDER_FAILED);
    }
    step = "done";
    Workflow.setCurrentDetails("Fulfilled: shipment " + shipmentId);
    return new OrderResult(
        order.orderId(), "fulfilled", reservationId, shipmentId, List.of(), "fulfilled");
  }

  /**
   * The reserve step with its undo registered before it runs: a reservation made downstream whose
   * answer was lost (retries ran out, or the step was cancelled) is released too, named by the
   * reserve step's own {@code Idempotency-Key} ({@code <workflow id>/<activity id>}). A refusal
   * (the inventory answered 4xx) reserved nothing, so its undo is dropped.
   */
  private void reserve(OrderInput order, Compensations compensations) {
    compensations.add(
        RELEASE,
        () ->
            activities(
                    reservationId != null
                        ? "DELETE inventory /reservations/" + reservationId
                        : "DELETE inventory /reservations/by-key (answer lost)")
                .releaseReservation(order, reservationId, reserveKey));
    try {
      reservationId =
          activities("POST inventory /reservations order " + order.orderId())
              .reserveInventory(order);
    } catch (ActivityFailure e) {
      reserveKey = Workflow.getInfo().getWorkflowId() + "/" + e.getActivityId();
      if (FailureTypes.DOWNSTREAM_REJECTED.equals(FailureTypes.typeOf(e))) {
        compensations.discard(RELEASE);
      }
      throw e;
    }
  }

  @Override
  public void refund(WebhookEvent refund) {
    if (!signalled.add(refund.key()) || refundEvent != null) {
      return;
    }
    refundEvent = refund;
    if (steps != null) {
      steps.cancel("refund " + refund.eventId());
    }
  }

  @Override
  public String step() {
    return step;
  }

  private void enter(String name, int index) {
    step = name;
    Workflow.setCurrentDetails("**Step " + index + "/3** " + name);
  }

  /**
   * A stub whose calls show {@code summary} in the Temporal UI; the policy comes from the worker.
   */
  private static OrderActivities activities(String summary) {
    return Workflow.newActivityStub(
        OrderActivities.class, ActivityOptions.newBuilder().setSummary(summary).build());
  }
}
