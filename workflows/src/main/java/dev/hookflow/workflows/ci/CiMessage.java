package dev.hookflow.workflows.ci;

/**
 * A notice about a pipeline's outcome.
 *
 * @param commit the commit
 * @param status the pipeline status, or {@code timed_out}
 * @param text a sentence for people
 */
public record CiMessage(Commit commit, String status, String text) {}
