package dev.hookflow.workflows.delivery;

import java.util.List;

/**
 * One message to one endpoint. {@code schedule} holds the delays before each attempt (ISO-8601
 * durations; its length is the number of attempts), fixed when the delivery starts so the Temporal
 * UI shows it and a configuration change does not alter deliveries under way. {@code manual} marks
 * a resend by an operator. {@code relayed} is set for a relay route's delivery, which retries on
 * its destination's policy instead of the schedule (null otherwise, and in runs started before
 * relays were deliveries).
 */
public record DeliveryInput(
    String appId,
    String msgId,
    String endpointId,
    List<String> schedule,
    boolean manual,
    long attemptTimeoutSeconds,
    Relayed relayed) {

  /** A delivery of a published message (not a relay's). */
  public DeliveryInput(
      String appId,
      String msgId,
      String endpointId,
      List<String> schedule,
      boolean manual,
      long attemptTimeoutSeconds) {
    this(appId, msgId, endpointId, schedule, manual, attemptTimeoutSeconds, null);
  }
}
