package dev.hookflow.hub.realserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookflow.activities.testing.ScriptedDownstream;
import dev.hookflow.activities.testing.ScriptedDownstream.Answer;
import dev.hookflow.hub.testing.HubHarness;
import dev.hookflow.hub.testing.Prerequisites;
import dev.hookflow.hub.testing.TestSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Headless Chromium opens the Temporal Web UI, finds a Hookflow order workflow by its search
 * attributes, checks that the hub's summary is shown and that its history names the downstream call
 * (activity summary). Saves target/temporal-ui.png (and docs/temporal-ui.png for the README with
 * {@code -Dhookflow.update-screenshot=true}).
 */
class TemporalUiIT {
  static final Path E2E = Path.of("..", "e2e");
  static final String STRIPE = "whsec_ui_stripe";

  @Test
  void shouldShowHookflowWorkflowWithSummaryInTemporalWebUi() throws Exception {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    Prerequisites.require(
        Files.isExecutable(chromium), Prerequisites.BROWSER, "No Chromium at " + chromium);
    Prerequisites.require(
        Files.isDirectory(E2E.resolve("node_modules/playwright-core")),
        Prerequisites.BROWSER,
        "playwright-core is not installed in e2e/ (npm ci)");
    try (DevServer temporal = DevServer.startOrSkip(true);
        ScriptedDownstream downstream = new ScriptedDownstream(System::currentTimeMillis)) {
      downstream
          .always("POST /inventory/reservations", Answer.json(201, "{\"reservationId\":\"r-81\"}"))
          .script("POST /shipping/shipments", Answer.status(503))
          .always("POST /shipping/shipments", Answer.json(201, "{\"shipmentId\":\"s-81\"}"));
      Map<String, Object> props = new HashMap<>();
      props.put("hookflow.sources.stripe.secrets", STRIPE);
      for (String name : new String[] {"inventory", "shipping", "notify", "payments"}) {
        props.put("hookflow.downstreams." + name + ".url", downstream.url() + "/" + name);
      }
      try (HubHarness hub = HubHarness.against(temporal.target(), props, "reference")) {
        String order = "ui-" + System.currentTimeMillis();
        String eventId = "evt_" + order;
        String body =
            """
            {"id":"%s","type":"checkout.session.completed","data":{"object":{"amount_total":4200,
             "currency":"eur","payment_intent":"pi_81","metadata":{"order_id":"%s"}}}}
            """
                .formatted(eventId, order);
        assertEquals(
            202,
            hub.post(
                    "/webhooks/stripe",
                    "application/json",
                    body,
                    "Stripe-Signature",
                    TestSigner.stripe(STRIPE, System.currentTimeMillis() / 1000, body))
                .statusCode());
        String workflowId = "order-" + order;
        hub.stub(workflowId).getResult(60, TimeUnit.SECONDS, Map.class);
        String query =
            "WebhookSource=\"stripe\" AND WebhookEventType=\"checkout.session.completed\"";
        RealTemporalIT.await(
            "visibility",
            () ->
                hub.temporal()
                        .listExecutions(
                            "WebhookSource = 'stripe' AND WebhookEventId = '" + eventId + "'")
                        .count()
                    == 1);

        // Written under target/; -Dhookflow.update-screenshot=true also updates the README's copy.
        Path png = Path.of("target", "temporal-ui.png").toAbsolutePath();
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
                        "stripe checkout.session.completed " + eventId,
                        png.toString(),
                        "POST shipping /shipments order " + order))
                .redirectErrorStream(true)
                .start();
        String output = new String(node.getInputStream().readAllBytes());
        assertTrue(node.waitFor(120, TimeUnit.SECONDS), "browser check timed out");
        assertEquals(0, node.exitValue(), output);
        assertTrue(Files.size(png) > 10_000, "screenshot written");
        if (Boolean.getBoolean("hookflow.update-screenshot")) {
          Files.copy(
              png,
              Path.of("..", "docs", "temporal-ui.png"),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
