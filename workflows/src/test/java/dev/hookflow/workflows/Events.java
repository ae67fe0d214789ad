package dev.hookflow.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookflow.workflows.event.WebhookEvent;
import java.util.Map;

/** Envelopes as the hub builds them, for workflow tests. */
public final class Events {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Events() {}

  public static WebhookEvent event(String source, String id, String type) {
    return new WebhookEvent(
        source,
        id,
        type,
        "2026-11-22T00:00:00Z",
        "test",
        Map.of("x-github-event", type),
        JSON.createObjectNode().put("id", id).put("n", 1));
  }

  /** A Stripe {@code checkout.session.completed} for an order of 4200 (minor units). */
  public static WebhookEvent checkout(String eventId, String orderId) {
    return stripe(eventId, "checkout.session.completed", orderId);
  }

  /** A Stripe {@code charge.refunded} for the order. */
  public static WebhookEvent refunded(String eventId, String orderId) {
    return stripe(eventId, "charge.refunded", orderId);
  }

  private static WebhookEvent stripe(String eventId, String type, String orderId) {
    return new WebhookEvent(
        "stripe",
        eventId,
        type,
        "2026-11-22T00:00:00Z",
        "orders",
        Map.of(),
        json(
            """
            {"id":"%s","type":"%s","data":{"object":{"id":"cs_1","amount_total":4200,
             "currency":"eur","payment_intent":"pi_%s","customer_details":{"email":"a@example.com"},
             "metadata":{"order_id":"%s"}}}}
            """
                .formatted(eventId, type, orderId, orderId)));
  }

  /** A GitHub push of {@code sha} to main, main being the default branch. */
  public static WebhookEvent push(String delivery, String sha, Map<String, String> params) {
    return new WebhookEvent(
        "github",
        delivery,
        "push",
        "2026-11-22T00:00:00Z",
        "ci",
        Map.of(),
        json(
            """
            {"ref":"refs/heads/main","after":"%s",
             "repository":{"full_name":"acme/shop","default_branch":"main"}}
            """
                .formatted(sha)),
        params);
  }

  /** A GitLab {@code Pipeline Hook} for {@code sha} with {@code status}. */
  public static WebhookEvent pipeline(String uuid, String sha, String status) {
    return new WebhookEvent(
        "gitlab",
        uuid,
        "Pipeline Hook",
        "2026-11-22T00:00:00Z",
        "ci-result",
        Map.of(),
        json(
            """
            {"object_kind":"pipeline","checkout_sha":"%s",
             "object_attributes":{"id":77,"sha":"%s","status":"%s"}}
            """
                .formatted(sha, sha, status)));
  }

  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
