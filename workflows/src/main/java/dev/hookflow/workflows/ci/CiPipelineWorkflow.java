package dev.hookflow.workflows.ci;

import dev.hookflow.workflows.event.WebhookEvent;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Correlates two sources. A GitHub {@code push} to the default branch starts it (workflow id keyed
 * by the commit SHA); it triggers a pipeline ({@code POST {ci}/pipelines}) and waits for a {@value
 * #PIPELINE} signal carrying a GitLab {@code Pipeline Hook} with a final status (success, failed,
 * canceled, skipped) for up to the route's {@code pipeline-timeout} param (default 1h). Then it
 * posts the outcome, or a timeout notice, to {@code {notify}/messages}. Pipeline events with an
 * intermediate status (pending, running) are noted, and repeats of an event are ignored.
 */
@WorkflowInterface
public interface CiPipelineWorkflow {
  String TYPE = "CiPipeline";
  String PIPELINE = "pipeline";
  String TIMEOUT_PARAM = "pipeline-timeout";

  @WorkflowMethod(name = TYPE)
  CiResult run(WebhookEvent push);

  @SignalMethod(name = PIPELINE)
  void pipeline(WebhookEvent pipelineEvent);
}
