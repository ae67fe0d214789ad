package dev.hookflow.workflows.ci;

/**
 * How the pipeline of one commit ended.
 *
 * @param commit the commit
 * @param pipelineId the id the CI gave the pipeline, if any
 * @param status {@code success}, {@code failed}, {@code canceled}, {@code skipped}, {@code
 *     timed_out}, or {@code not_default_branch} (nothing was triggered)
 * @param resultEventId the event that carried the result, null on timeout
 */
public record CiResult(Commit commit, String pipelineId, String status, String resultEventId) {}
