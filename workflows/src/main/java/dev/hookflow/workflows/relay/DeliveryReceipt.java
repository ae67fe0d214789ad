package dev.hookflow.workflows.relay;

/**
 * A destination's acceptance of a relayed event.
 *
 * @param destination the destination's name
 * @param status the HTTP status it answered (2xx)
 * @param messageId the {@code webhook-id} sent, the same on every attempt and replay
 * @param attempt the attempt that succeeded, from 1
 */
public record DeliveryReceipt(String destination, int status, String messageId, int attempt) {}
