package dev.hookflow.workflows.relay;

import dev.hookflow.workflows.event.WebhookEvent;
import dev.hookflow.workflows.policy.ActivityNames;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Relay's steps outside the workflow. */
@ActivityInterface
public interface RelayActivities {

  /**
   * One attempt to deliver; a 2xx answer is the receipt, anything else a classified failure. Only
   * runs started before relays became deliveries call it.
   */
  @ActivityMethod(name = ActivityNames.DELIVER)
  DeliveryReceipt deliver(RelayDelivery delivery);

  /**
   * Stores the event as a message of the route's application (the same message on every replay) and
   * makes sure the application and one endpoint per configured destination exist; a local activity.
   */
  @ActivityMethod(name = ActivityNames.PREPARE_RELAY)
  PreparedRelay prepare(String route, WebhookEvent event);
}
