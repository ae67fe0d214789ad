package dev.hookflow.workflows.order;

import dev.hookflow.workflows.event.WebhookEvent;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Fulfils a paid order: reserve inventory, create a shipment, notify the customer. When a step
 * fails for good (non-retryable, or its retries are exhausted) the completed steps are undone in
 * reverse order (release the reservation, refund the payment) and the workflow fails naming the
 * step and the downstream's answer. A {@value #REFUND} signal (Stripe {@code charge.refunded})
 * stops it: the reservation is released, the already refunded payment is left alone, and the
 * workflow completes as {@code refunded}. Repeats of a signal (same event) are ignored.
 */
@WorkflowInterface
public interface OrderFulfillmentWorkflow {
  String TYPE = "OrderFulfillment";
  String REFUND = "refund";

  @WorkflowMethod(name = TYPE)
  OrderResult fulfil(WebhookEvent checkout);

  @SignalMethod(name = REFUND)
  void refund(WebhookEvent refund);

  /** The current step, for example {@code reserve inventory}. */
  @QueryMethod
  String step();
}
