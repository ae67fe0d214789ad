package dev.hookflow.hub.inbound.dispatch;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What one route did with one event.
 *
 * @param route the route name
 * @param workflowId the workflow that received the event
 * @param runId its run
 * @param outcome started, signaled, recorded, published, duplicate, replayed or not_replayable
 */
public record Delivery(String route, String workflowId, String runId, Outcome outcome) {

  public enum Outcome {
    /** A new workflow run was started. */
    STARTED,
    /** The event was signaled to a workflow (started first when signal-with-start needed it). */
    SIGNALED,
    /**
     * A signal route found no running workflow and keeps the event in an {@code EventLog} run of
     * its own ({@code if-not-running: record}).
     */
    RECORDED,
    /**
     * A publish route stored the event as a message of its application and started the message's
     * dispatch (the workflow named here) to the application's endpoints.
     */
    PUBLISHED,
    /** The workflow id already had a run for this event: nothing new was started. */
    DUPLICATE,
    /** A closed run was started again by {@code POST /events/{source}/{eventId}/replay}. */
    REPLAYED,
    /** A replay left this delivery alone: it signaled a workflow other events share. */
    NOT_REPLAYABLE;

    @JsonValue
    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
