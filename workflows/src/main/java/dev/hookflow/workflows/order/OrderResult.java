package dev.hookflow.workflows.order;

import java.util.List;

/**
 * How an order ended when the workflow completed (a failed order fails the workflow instead).
 *
 * @param orderId the order
 * @param status {@code fulfilled}, or {@code refunded} when a refund event stopped it
 * @param reservationId the inventory reservation, null if none was made
 * @param shipmentId the shipment, null if none was made
 * @param compensations the undo steps that ran, in order
 * @param reason why it ended as it did
 */
public record OrderResult(
    String orderId,
    String status,
    String reservationId,
    String shipmentId,
    List<String> compensations,
    String reason) {}
