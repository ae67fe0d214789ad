package dev.hookflow.workflows.delivery;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One published message: starts one {@link DeliveryWorkflow} per matching endpoint, a page of
 * endpoints per activity, continuing as new every few pages so that a message to any number of
 * endpoints keeps a short history.
 */
@WorkflowInterface
public interface DispatchWorkflow {
  @WorkflowMethod(name = "Dispatch")
  int dispatch(DispatchInput input);
}
