package dev.hookflow.activities.relay;

import dev.hookflow.activities.Integration;
import dev.hookflow.workflows.relay.RelayWorkflowImpl;
import java.util.List;

/** Relay routes: the event's payload, signed, to each destination (no Java needed). */
public final class RelayIntegration implements Integration {
  @Override
  public List<Class<?>> workflows() {
    return List.of(RelayWorkflowImpl.class);
  }

  @Override
  public List<Object> activities(Wiring wiring) {
    return List.of(
        new RelayActivitiesImpl(
            wiring.relayDestinations(),
            wiring.http(),
            wiring.clock(),
            wiring.outbound().configured(),
            wiring.outbound().settings().requestTimeout().toSeconds()));
  }
}
