package dev.hookflow.workflows.ci;

import dev.hookflow.workflows.event.WebhookEvent;
import dev.hookflow.workflows.policy.Durations;
import dev.hookflow.workflows.policy.FailureTypes;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** See {@link CiPipelineWorkflow}. */
public class CiPipelineWorkflowImpl implements CiPipelineWorkflow {
  static final Set<String> FINAL = Set.of("success", "failed", "canceled", "skipped");

  private final Set<String> seen = new HashSet<>();
  private WebhookEvent result;
  private String lastStatus;

  @Override
  public CiResult run(WebhookEvent push) {
    Commit commit =
        new Commit(push.text("/repository/full_name"), push.text("/ref"), push.text("/after"));
    if (commit.sha() == null || commit.ref() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Push " + push.key() + " lacks /after or /ref", FailureTypes.INVALID_EVENT);
    }
    String defaultBranch = push.text("/repository/default_branch");
    if (defaultBranch != null && !commit.ref().equals("refs/heads/" + defaultBranch)) {
      Workflow.setCurrentDetails("Not the default branch: " + commit.ref());
      return new CiResult(commit, null, "not_default_branch", null);
    }
    Duration timeout;
    try {
      timeout = Durations.parse(push.param(TIMEOUT_PARAM, "1h"));
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Route param " + TIMEOUT_PARAM + ": " + e.getMessage(), FailureTypes.INVALID_EVENT);
    }
    String shortSha = commit.sha().substring(0, Math.min(8, commit.sha().length()));
    Workflow.setCurrentDetails("Triggering pipeline for " + shortSha);
    String pipelineId = activities("POST ci /pipelines " + shortSha).triggerPipeline(commit);
    Workflow.setCurrentDetails(
        "Waiting up to " + timeout + " for the pipeline of " + shortSha + " (" + pipelineId + ")");
    boolean finished = Workflow.await(timeout, () -> result != null);
    String status = finished ? status(result) : "timed_out";
    String text =
        finished
            ? "Pipeline for " + commit.repository() + "@" + shortSha + ": " + status
            : "No pipeline result for "
                + commit.repository()
                + "@"
                + shortSha
                + " within "
                + timeout
                + (lastStatus == null ? "" : " (last status: " + lastStatus + ")");
    Workflow.setCurrentDetails(text);
    activities("POST notify /messages " + status).postMessage(new CiMessage(commit, status, text));
    return new CiResult(commit, pipelineId, status, finished ? result.eventId() : null);
  }

  @Override
  public void pipeline(WebhookEvent pipelineEvent) {
    if (!seen.add(pipelineEvent.key()) || result != null) {
      return;
    }
    String status = status(pipelineEvent);
    lastStatus = status;
    if (status != null && FINAL.contains(status)) {
      result = pipelineEvent;
    }
  }

  private static String status(WebhookEvent event) {
    return event.text("/object_attributes/status");
  }

  private static CiActivities activities(String summary) {
    return Workflow.newActivityStub(
        CiActivities.class, ActivityOptions.newBuilder().setSummary(summary).build());
  }
}
