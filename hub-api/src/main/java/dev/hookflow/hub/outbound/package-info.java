/**
 * The provider side (sending webhooks): applications, endpoints, event types, messages and attempts
 * behind the Svix-compatible {@code /api/v1}. Empty until that lands; it may use {@code platform},
 * never {@code inbound} or {@code management}.
 */
package dev.hookflow.hub.outbound;
