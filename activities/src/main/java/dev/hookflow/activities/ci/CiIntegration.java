package dev.hookflow.activities.ci;

import dev.hookflow.activities.Integration;
import dev.hookflow.workflows.ci.CiPipelineWorkflowImpl;
import java.util.List;

/** Cross-source correlation: a GitHub push waits for its GitLab pipeline (reference). */
public final class CiIntegration implements Integration {
  @Override
  public List<Class<?>> workflows() {
    return List.of(CiPipelineWorkflowImpl.class);
  }

  @Override
  public List<Object> activities(Wiring wiring) {
    return List.of(new CiActivitiesImpl(wiring.downstreams(), wiring.http()));
  }
}
