package dev.hookflow.workflows.order;

import dev.hookflow.workflows.policy.ActivityNames;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The downstream calls of order fulfilment. Each makes one attempt; Temporal retries per policy.
 */
@ActivityInterface
public interface OrderActivities {

  /** {@code POST {inventory}/reservations}; returns the {@code reservationId}. */
  @ActivityMethod(name = ActivityNames.RESERVE_INVENTORY)
  String reserveInventory(OrderInput order);

  /** {@code POST {shipping}/shipments}; returns the {@code shipmentId}. */
  @ActivityMethod(name = ActivityNames.CREATE_SHIPMENT)
  String createShipment(OrderInput order, String reservationId);

  /** {@code POST {notify}/messages}. */
  @ActivityMethod(name = ActivityNames.NOTIFY_CUSTOMER)
  void notifyCustomer(OrderInput order, String shipmentId);

  /**
   * Undo of {@link #reserveInventory}: {@code DELETE {inventory}/reservations/{id}}, or when the
   * reserve step's answer never arrived ({@code reservationId} null), {@code DELETE
   * {inventory}/reservations/by-key/{key}} naming the reservation by the {@code Idempotency-Key}
   * the reserve step sent. A 404 means there is nothing to release.
   *
   * @param reservationKey {@code <workflow id>/<activity id>} of the reserve step when its answer
   *     never arrived; null otherwise
   */
  @ActivityMethod(name = ActivityNames.RELEASE_RESERVATION)
  void releaseReservation(OrderInput order, String reservationId, String reservationKey);

  /** Undo of the payment: {@code POST {payments}/refunds} for the payment intent and amount. */
  @ActivityMethod(name = ActivityNames.REFUND_PAYMENT)
  void refundPayment(OrderInput order, String reason);
}
