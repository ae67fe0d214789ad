package dev.hookflow.activities;

import dev.hookflow.activities.ci.CiIntegration;
import dev.hookflow.activities.eventlog.EventLogIntegration;
import dev.hookflow.activities.order.OrderIntegration;
import dev.hookflow.activities.relay.RelayIntegration;
import java.util.List;

/** The one list of shipped integrations. Add a new integration here. */
public final class Integrations {
  private Integrations() {}

  public static List<Integration> shipped() {
    return List.of(
        new EventLogIntegration(),
        new OrderIntegration(),
        new CiIntegration(),
        new RelayIntegration(),
        new dev.hookflow.activities.delivery.DeliveryIntegration());
  }

  /** Every shipped workflow implementation class. */
  public static Class<?>[] workflowImplementations() {
    return shipped().stream().flatMap(i -> i.workflows().stream()).toArray(Class<?>[]::new);
  }

  /** Every shipped activity implementation, wired. */
  public static Object[] activityImplementations(Integration.Wiring wiring) {
    return shipped().stream().flatMap(i -> i.activities(wiring).stream()).toArray();
  }
}
