package dev.hookflow.workflows.relay;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Forwards an event's payload to every destination of its route at once, each delivery retried on
 * the destination's own policy. When all accept, it completes with their receipts. When one
 * exhausts its retries or is rejected, the others still finish and the workflow fails naming each
 * failed destination and why: that failed run is the dead letter, and {@code POST
 * /events/{source}/{eventId}/replay} sends it again.
 */
@WorkflowInterface
public interface RelayWorkflow {
  String TYPE = "Relay";

  @WorkflowMethod(name = TYPE)
  RelayResult relay(RelayInput input);
}
