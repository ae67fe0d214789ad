package dev.hookflow.workflows;

import dev.hookflow.workflows.ci.CiPipelineWorkflowImpl;
import dev.hookflow.workflows.eventlog.EventLogWorkflowImpl;
import dev.hookflow.workflows.inbox.EventInboxWorkflowImpl;
import dev.hookflow.workflows.order.OrderFulfillmentWorkflowImpl;
import dev.hookflow.workflows.relay.RelayWorkflowImpl;

/**
 * The workflow implementations Hookflow ships: what the hub's worker registers and the replay test
 * replays. Add a new workflow here.
 */
public final class ShippedWorkflows {
  private ShippedWorkflows() {}

  /** A fresh array of the implementation classes. */
  public static Class<?>[] implementations() {
    return new Class<?>[] {
      EventLogWorkflowImpl.class,
      EventInboxWorkflowImpl.class,
      OrderFulfillmentWorkflowImpl.class,
      CiPipelineWorkflowImpl.class,
      RelayWorkflowImpl.class
    };
  }
}
