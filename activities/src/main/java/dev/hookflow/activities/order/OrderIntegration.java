package dev.hookflow.activities.order;

import dev.hookflow.activities.Integration;
import dev.hookflow.workflows.order.OrderFulfillmentWorkflowImpl;
import java.util.List;

/** The order fulfilment saga (reference integration). */
public final class OrderIntegration implements Integration {
  @Override
  public List<Class<?>> workflows() {
    return List.of(OrderFulfillmentWorkflowImpl.class);
  }

  @Override
  public List<Object> activities(Wiring wiring) {
    return List.of(new OrderActivitiesImpl(wiring.downstreams(), wiring.http()));
  }
}
