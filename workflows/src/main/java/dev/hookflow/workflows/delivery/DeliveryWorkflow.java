package dev.hookflow.workflows.delivery;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Delivers one message to one endpoint on a retry schedule: one activity whose retries are the
 * schedule (each failed attempt names its next delay), so the waiting survives any crash and the
 * Temporal UI shows every attempt. Returns the attempt that succeeded; a dead letter ends as a
 * failed workflow with the last attempt's reason.
 */
@WorkflowInterface
public interface DeliveryWorkflow {
  @WorkflowMethod(name = "Delivery")
  AttemptOutcome deliver(DeliveryInput input);
}
