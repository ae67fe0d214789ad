package dev.hookflow.workflows.ci;

import dev.hookflow.workflows.policy.ActivityNames;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The downstream calls of {@link CiPipelineWorkflow}. */
@ActivityInterface
public interface CiActivities {

  /**
   * {@code POST {ci}/pipelines} with the commit; returns the pipeline id the CI answers, if any.
   */
  @ActivityMethod(name = ActivityNames.TRIGGER_PIPELINE)
  String triggerPipeline(Commit commit);

  /** {@code POST {notify}/messages}. */
  @ActivityMethod(name = ActivityNames.POST_MESSAGE)
  void postMessage(CiMessage message);
}
