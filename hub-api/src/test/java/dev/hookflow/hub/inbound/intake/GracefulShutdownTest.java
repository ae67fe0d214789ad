package dev.hookflow.hub.inbound.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookflow.hub.testing.HubHarness;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A hub told to stop (a deploy, SIGTERM) while a webhook waits on Temporal answers that webhook
 * before it goes, so the sender gets its 202 rather than a dropped connection and a retry.
 */
class GracefulShutdownTest {
  static final String SECRET = "graceful-secret";
  static final String BODY = "{\"ref\":\"refs/heads/main\"}";

  @Test
  void shouldAnswerWebhookInFlightBeforeStopping() throws Exception {
    try (HubHarness hub =
        new HubHarness(
            Map.of("hookflow.sources.github.secrets", SECRET, "hookflow.role", "intake"))) {
      assertEquals(
          202, hub.postGithub(SECRET, "push", UUID.randomUUID().toString(), BODY).statusCode());
      String delivery = UUID.randomUUID().toString();
      hub.pauseTemporal();
      CompletableFuture<HttpResponse<String>> inFlight =
          CompletableFuture.supplyAsync(() -> hub.postGithub(SECRET, "push", delivery, BODY));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (hub.heldTemporalTraffic() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20); // until the webhook's start call is held at the paused link
      }
      assertTrue(hub.heldTemporalTraffic() > 0, "the webhook reached Temporal's link");

      CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> hub.context().stop());
      Thread.sleep(500);
      assertFalse(inFlight.isDone(), "still waiting on Temporal");
      assertFalse(stopping.isDone(), "the hub waits for the request");
      hub.unpauseTemporal();

      HttpResponse<String> answer = inFlight.get(20, TimeUnit.SECONDS);
      assertEquals(202, answer.statusCode(), answer.body());
      stopping.get(20, TimeUnit.SECONDS);
      assertTrue(hub.describe("github-push-" + delivery).isPresent());
    }
  }
}
