package dev.hookflow.workflows.relay;

import dev.hookflow.workflows.policy.ActivityNames;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Sends a relayed event, signed with Standard Webhooks headers. */
@ActivityInterface
public interface RelayActivities {

  /** One attempt to deliver; a 2xx answer is the receipt, anything else a classified failure. */
  @ActivityMethod(name = ActivityNames.DELIVER)
  DeliveryReceipt deliver(RelayDelivery delivery);
}
