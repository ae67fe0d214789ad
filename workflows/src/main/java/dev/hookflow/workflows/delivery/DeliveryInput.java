package dev.hookflow.workflows.delivery;

import java.util.List;

/**
 * One message to one endpoint. {@code schedule} holds the delays before each attempt (ISO-8601
 * durations; its length is the number of attempts), fixed when the delivery starts so the Temporal
 * UI shows it and a configuration change does not alter deliveries under way. {@code manual} marks
 * a resend by an operator.
 */
public record DeliveryInput(
    String appId,
    String msgId,
    String endpointId,
    List<String> schedule,
    boolean manual,
    long attemptTimeoutSeconds) {}
