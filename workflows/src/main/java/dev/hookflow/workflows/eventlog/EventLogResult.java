package dev.hookflow.workflows.eventlog;

/**
 * What {@link EventLogWorkflow} recorded.
 *
 * @param eventKey {@code source/eventId}
 * @param type the event type
 * @param payloadFields number of top-level fields in the payload
 */
public record EventLogResult(String eventKey, String type, int payloadFields) {}
