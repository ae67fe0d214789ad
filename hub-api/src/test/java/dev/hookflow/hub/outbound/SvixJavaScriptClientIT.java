package dev.hookflow.hub.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.svix.Webhook;
import dev.hookflow.activities.testing.Receiver;
import dev.hookflow.hub.testing.HubHarness;
import dev.hookflow.hub.testing.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official Svix JavaScript client (npm {@code svix} 1.99.1, in {@code e2e/}) drives the sending
 * API of a real hub: it sends an {@code idempotency-key} on every POST and parses error bodies, so
 * this is the compatibility check for the clients other than Java. Every delivery is verified
 * afterwards with the Svix Java library.
 */
class SvixJavaScriptClientIT {
  static final Path E2E = Path.of("..", "e2e");

  @Test
  void theJavaScriptClientPublishesReadsAndParsesErrors() throws Exception {
    Prerequisites.require(
        Files.isDirectory(E2E.resolve("node_modules/svix")),
        Prerequisites.BROWSER,
        "the svix npm package is not installed in e2e/ (npm ci)");
    try (Receiver receiver = new Receiver();
        HubHarness hub =
            new HubHarness(
                Map.of(
                    "hookflow.management-token", "js-token",
                    "hookflow.outbound.retry-schedule", "0s,1s"))) {
      Process node =
          new ProcessBuilder(
                  "node",
                  "svix-client.mjs",
                  hub.uri("").toString(),
                  "js-token",
                  receiver.url("/js"))
              .directory(E2E.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(node.getInputStream().readAllBytes());
      assertTrue(node.waitFor(120, TimeUnit.SECONDS), "the client timed out");
      assertEquals(0, node.exitValue(), output);
      String[] lines = output.strip().split("\n");
      JsonNode seen = HubHarness.JSON.readTree(lines[lines.length - 1]);

      assertTrue(seen.get("app").asText().startsWith("app_"), output);
      assertTrue(seen.get("sameApp").asBoolean(), "getOrCreate found the app");
      assertEquals(409, seen.at("/conflict/code").asInt(), output);
      assertEquals("conflict", seen.at("/conflict/body/code").asText(), output);
      assertEquals(422, seen.at("/invalid/code").asInt(), output);
      assertEquals("payload_schema_mismatch", seen.at("/invalid/body/code").asText(), output);
      assertEquals("body", seen.at("/invalid/body/detail/0/loc/0").asText(), output);
      assertEquals(404, seen.at("/missing/code").asInt(), output);
      assertEquals(1, seen.get("attempts").asInt(), output);
      assertEquals(0, seen.get("attemptStatus").asInt(), output);
      assertEquals(200, seen.get("attemptCode").asInt(), output);
      assertTrue(seen.get("patchedFilterTypes").isNull(), output);
      assertEquals(1, seen.get("pageSize").asInt(), output);

      long deadline = System.currentTimeMillis() + 20_000;
      while (receiver.requests.size() < 2 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(2, receiver.requests.size(), "the message and its resend");
      Webhook webhook = new Webhook(seen.get("secret").asText());
      for (Receiver.Request request : receiver.requests) {
        webhook.verify(request.body(), request.headers());
        assertEquals(seen.get("message").asText(), request.header("webhook-id"));
        assertEquals(
            "café", HubHarness.JSON.readTree(request.body()).get("text").asText(), "UTF-8 intact");
      }
    }
  }
}
