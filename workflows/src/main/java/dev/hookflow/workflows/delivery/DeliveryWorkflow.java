package dev.hookflow.workflows.delivery;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Delivers one message to one endpoint on a retry schedule: one activity whose retries are the
 * schedule (each failed attempt names its next delay), so the waiting survives any crash and the
 * Temporal UI shows every attempt. Returns the attempt that succeeded; a dead letter ends as a
 * failed workflow with the last attempt's reason. A relay route's delivery (a child of {@code
 * Relay}) retries on its destination's policy instead.
 */
@WorkflowInterface
public interface DeliveryWorkflow {
  String TYPE = "Delivery";

  @WorkflowMethod(name = TYPE)
  AttemptOutcome deliver(DeliveryInput input);
}
