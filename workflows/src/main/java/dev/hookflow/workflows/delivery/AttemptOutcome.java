package dev.hookflow.workflows.delivery;

/**
 * The attempt that ended a delivery: its row id, the endpoint's status code, the attempt number.
 */
public record AttemptOutcome(String attemptId, int statusCode, int attempt) {}
