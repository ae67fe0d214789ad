package dev.hookflow.activities.delivery;

import dev.hookflow.activities.Integration;
import dev.hookflow.workflows.delivery.DeliveryWorkflowImpl;
import dev.hookflow.workflows.delivery.DispatchWorkflowImpl;
import java.util.List;

/** Sending webhooks: the dispatch of each published message and one delivery per endpoint. */
public final class DeliveryIntegration implements Integration {
  @Override
  public List<Class<?>> workflows() {
    return List.of(DispatchWorkflowImpl.class, DeliveryWorkflowImpl.class);
  }

  @Override
  public List<Object> activities(Wiring wiring) {
    Outbound out = wiring.outbound();
    return List.of(
        new DispatchActivitiesImpl(out.messages(), out.fanOut()),
        new DeliveryActivitiesImpl(
            out.messages(),
            out.endpoints(),
            out.attempts(),
            out.destinations(),
            out.sender(),
            out.settings(),
            wiring.clock()));
  }
}
