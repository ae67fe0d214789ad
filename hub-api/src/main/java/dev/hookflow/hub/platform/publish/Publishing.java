package dev.hookflow.hub.platform.publish;

/**
 * Publishing a message of an application on the sending side, for the parts of the hub that may not
 * use the sending side directly (a route's {@code publish:} action). The sending side provides the
 * one implementation; when it returns, the message is stored and its dispatch is in Temporal.
 */
public interface Publishing {

  /**
   * Stores the message and starts its dispatch, or finds the message already published under the
   * same event id (then {@link Published#duplicate()}).
   *
   * @throws dev.hookflow.hub.platform.error.ProblemException {@code application_not_found}, {@code
   *     payload_too_large}, {@code payload_schema_mismatch}, {@code temporal_unavailable} or {@code
   *     database_unavailable}; nothing is stored then
   */
  Published publish(Message message);

  /**
   * @param app the application's id or uid
   * @param eventType the message's event type
   * @param eventId unique per application: a repeat is a duplicate
   * @param payload a JSON object, the exact bytes subscribers get
   * @param origin the received webhook it comes from
   */
  record Message(String app, String eventType, String eventId, String payload, Origin origin) {}

  /**
   * The received webhook a message is published for: its dispatch carries these as search
   * attributes and memo, so {@code GET /events/{source}/{eventId}} and the Temporal UI find it.
   *
   * @param route the route that published it
   * @param source the webhook's source
   * @param eventId the webhook's event id at its source
   * @param eventType the webhook's event type at its source
   */
  record Origin(String route, String source, String eventId, String eventType) {}

  /**
   * @param messageId the message's id ({@code msg_...})
   * @param workflowId its dispatch workflow
   * @param runId the dispatch's run, null when this call did not start it
   * @param duplicate true when the event id had been published before
   */
  record Published(String messageId, String workflowId, String runId, boolean duplicate) {}
}
