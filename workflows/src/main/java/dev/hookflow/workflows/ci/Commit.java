package dev.hookflow.workflows.ci;

/**
 * The pushed commit a pipeline runs for.
 *
 * @param repository {@code owner/name}
 * @param ref the pushed ref, {@code refs/heads/<branch>}
 * @param sha the commit SHA (the push's {@code after})
 */
public record Commit(String repository, String ref, String sha) {}
