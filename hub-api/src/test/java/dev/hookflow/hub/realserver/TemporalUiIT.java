package dev.hookflow.hub.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookflow.hub.testing.HubHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Headless Chromium opens the Temporal Web UI, finds a Hookflow workflow by its search attributes
 * and checks that the hub's summary is shown. Saves docs/temporal-ui.png for the README.
 */
class TemporalUiIT {
  static final Path E2E = Path.of("..", "e2e");

  @Test
  void shouldShowHookflowWorkflowWithSummaryInTemporalWebUi() throws Exception {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    Assumptions.assumeTrue(
        Files.isExecutable(chromium), "no Chromium at " + chromium + " (apt-get install chromium)");
    Assumptions.assumeTrue(
        Files.isDirectory(E2E.resolve("node_modules/playwright-core")),
        "playwright-core not installed (npm ci in e2e/)");
    try (DevServer temporal = DevServer.startOrSkip(true);
        HubHarness hub =
            HubHarness.against(
                temporal.target(), Map.of("hookflow.sources.github.secrets", "ui-secret"))) {
      String delivery = "ui-" + System.currentTimeMillis();
      String body = "{\"ref\":\"refs/heads/main\",\"after\":\"59b20b8d\"}";
      assertEquals(202, hub.postGithub("ui-secret", "push", delivery, body).statusCode());
      String workflowId = "github-push-" + delivery;
      String query = "WebhookSource=\"github\" AND WebhookEventType=\"push\"";
      RealTemporalIT.await(
          "visibility",
          () ->
              hub.temporal()
                      .listExecutions(
                          "WebhookSource = 'github' AND WebhookEventId = '" + delivery + "'")
                      .count()
                  == 1);

      Path png = Path.of("..", "docs", "temporal-ui.png").toAbsolutePath().normalize();
      Files.createDirectories(png.getParent());
      Process node =
          new ProcessBuilder(
                  List.of(
                      "node",
                      E2E.resolve("ui-screenshot.mjs").toString(),
                      temporal.uiUrl(),
                      "default",
                      query,
                      workflowId,
                      "github push " + delivery,
                      png.toString()))
              .redirectErrorStream(true)
              .start();
      String output = new String(node.getInputStream().readAllBytes());
      assertTrue(node.waitFor(120, TimeUnit.SECONDS), "browser check timed out");
      assertEquals(0, node.exitValue(), output);
      assertTrue(Files.size(png) > 10_000, "screenshot written");
    }
  }
}
