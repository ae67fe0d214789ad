package dev.hookflow.workflows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hookflow.workflows.event.WebhookEvent;
import java.util.Map;

final class Events {
  private Events() {}

  static WebhookEvent event(String source, String id, String type) {
    return new WebhookEvent(
        source,
        id,
        type,
        "2026-11-22T00:00:00Z",
        "test",
        Map.of("x-github-event", type),
        JsonNodeFactory.instance.objectNode().put("id", id).put("n", 1));
  }
}
