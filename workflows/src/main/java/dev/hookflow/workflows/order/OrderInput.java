package dev.hookflow.workflows.order;

import dev.hookflow.workflows.event.WebhookEvent;
import dev.hookflow.workflows.policy.FailureTypes;
import io.temporal.failure.ApplicationFailure;

/**
 * What fulfilment needs from a Stripe {@code checkout.session.completed} event.
 *
 * @param orderId {@code /data/object/metadata/order_id}
 * @param paymentIntent {@code /data/object/payment_intent}, refunded when the order fails
 * @param amount {@code /data/object/amount_total}, in the currency's minor unit
 * @param currency {@code /data/object/currency}
 * @param customerEmail {@code /data/object/customer_details/email}, may be null
 */
public record OrderInput(
    String orderId, String paymentIntent, long amount, String currency, String customerEmail) {

  /**
   * @throws ApplicationFailure non-retryable {@code InvalidEvent} when the order id, payment intent
   *     or amount is missing
   */
  public static OrderInput fromCheckout(WebhookEvent event) {
    String orderId = event.text("/data/object/metadata/order_id");
    String paymentIntent = event.text("/data/object/payment_intent");
    String amount = event.text("/data/object/amount_total");
    if (orderId == null || paymentIntent == null || amount == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Event "
              + event.key()
              + " lacks /data/object/metadata/order_id, /data/object/payment_intent or"
              + " /data/object/amount_total",
          FailureTypes.INVALID_EVENT);
    }
    long minorUnits;
    try {
      minorUnits = Long.parseLong(amount);
    } catch (NumberFormatException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Event " + event.key() + " has a non-integer /data/object/amount_total",
          FailureTypes.INVALID_EVENT);
    }
    return new OrderInput(
        orderId,
        paymentIntent,
        minorUnits,
        event.text("/data/object/currency"),
        event.text("/data/object/customer_details/email"));
  }
}
