package dev.hookflow.hub.realserver;

import static dev.hookflow.hub.testing.HubHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookflow.activities.eventlog.EventLogActivitiesImpl;
import dev.hookflow.activities.testing.ScriptedDownstream;
import dev.hookflow.hub.testing.HubHarness;
import dev.hookflow.hub.testing.TestSigner;
import dev.hookflow.workflows.eventlog.EventLogWorkflowImpl;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Against the real Temporal (CLI dev server): visibility, and surviving crashes of either side. */
class RealTemporalIT {
  static final String SECRET = "real-server-secret";
  static final String STRIPE_SECRET = "whsec_real_server_stripe";

  static String id() {
    return UUID.randomUUID().toString();
  }

  static String body(String marker) {
    return "{\"ref\":\"refs/heads/main\",\"marker\":\"" + marker + "\"}";
  }

  static String[] githubHeaders(String delivery, String body) {
    return new String[] {
      "X-GitHub-Event",
      "push",
      "X-GitHub-Delivery",
      delivery,
      "X-Hub-Signature-256",
      TestSigner.github(SECRET, body)
    };
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(250);
    }
  }

  /** A hub configuration: the GitHub source and these routes. */
  @SafeVarargs
  static Map<String, Object> githubWithRoutes(Map<String, Object>... routes) {
    Map<String, Object> props = new java.util.HashMap<>();
    props.put("hookflow.sources.github.secrets", SECRET);
    props.put("hookflow.routes", List.of(routes));
    return props;
  }

  @Test
  void shouldFindSignedWebhooksThroughVisibilityQueries() throws Exception {
    try (DevServer temporal = DevServer.startOrSkip(false);
        HubHarness hub =
            HubHarness.against(
                temporal.target(), Map.of("hookflow.sources.github.secrets", SECRET))) {
      List<String> deliveries = List.of(id(), id(), id());
      for (String delivery : deliveries) {
        String body = body(delivery);
        assertEquals(202, hub.postGithub(SECRET, "push", delivery, body).statusCode());
      }
      WorkflowClient client = hub.temporal();
      for (String delivery : deliveries) {
        String query =
            "WebhookSource = 'github' AND WebhookEventType = 'push' AND WebhookEventId = '"
                + delivery
                + "'";
        await("visibility of " + delivery, () -> client.listExecutions(query).count() == 1);
        WorkflowExecutionMetadata found = client.listExecutions(query).findFirst().orElseThrow();
        assertEquals("github-push-" + delivery, found.getExecution().getWorkflowId());
        assertEquals("EventLog", found.getWorkflowType());
      }
      String first = deliveries.get(0);
      await(
          "completion",
          () ->
              hub.describe("github-push-" + first).orElseThrow().getStatus()
                  == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
      await(
          "completed in visibility",
          () -> {
            JsonNode view = json(hub.get("/events/github/" + first));
            return view.path("deliveries").path(0).path("status").asText().equals("completed");
          });

      JsonNode page = json(hub.get("/events?source=github&type=push&pageSize=2"));
      assertEquals(2, page.get("events").size(), page.toString());
      assertTrue(page.hasNonNull("nextPage"), "a third event means another page");
      JsonNode next =
          json(
              hub.get(
                  "/events?source=github&type=push&pageSize=2&nextPage="
                      + page.get("nextPage").asText()));
      assertTrue(next.get("events").size() >= 1);
      assertEquals("github", page.get("events").get(0).get("source").asText());
      JsonNode failed = json(hub.get("/events?status=failed"));
      assertEquals(
          0, failed.get("events").size(), "nothing has failed: the dead-letter view is empty");
      HubHarness.assertProblem(hub.get("/events?status=sideways"), 400, "bad_request");
    }
  }

  @Test
  void shouldRunARecordOnlyEventInOneEagerWorkflowTask() throws Exception {
    // The throughput shape (BENCHMARKS.md): the hub (role all) asks for eager start, Temporal
    // hands the first workflow task back with the start, and EventLog records in a local
    // activity, so the run closes in that one task.
    try (DevServer temporal = DevServer.startOrSkip(false);
        HubHarness hub =
            HubHarness.against(
                temporal.target(), Map.of("hookflow.sources.github.secrets", SECRET))) {
      String delivery = id();
      assertEquals(202, hub.postGithub(SECRET, "push", delivery, body(delivery)).statusCode());
      WorkflowClient client = hub.temporal();
      client
          .newUntypedWorkflowStub("github-push-" + delivery)
          .getResult(30, TimeUnit.SECONDS, Map.class);
      var history = client.fetchHistory("github-push-" + delivery).getEvents();
      assertTrue(
          history.get(0).getWorkflowExecutionStartedEventAttributes().getEagerExecutionAccepted(),
          "Temporal accepted the eager start");
      assertEquals(
          1,
          history.stream()
              .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
              .count(),
          history.toString());
      assertEquals(7, history.size(), "started, one task, version and record markers, completed");
    }
  }

  @Test
  void shouldListAnEventHeldOffByAnotherEventsRunAsRecordedAndStartItOnReplay() throws Exception {
    try (DevServer temporal = DevServer.startOrSkip(false)) {
      Map<String, Object> props =
          githubWithRoutes(
              Map.of(
                  "name", "per-ref",
                  "source", "github",
                  "events", List.of("create", "delete"),
                  "start", "EventInbox",
                  "workflow-id", "ref-{/marker}"));
      try (HubHarness hub = HubHarness.against(temporal.target(), props)) {
        String ref = id();
        String first = id();
        String second = id();
        String body = body(ref);
        assertEquals(
            202,
            hub.post("/webhooks/github", "application/json", body, headers("create", first, body))
                .statusCode());
        HttpResponse<String> held =
            hub.post("/webhooks/github", "application/json", body, headers("delete", second, body));
        assertEquals("recorded", json(held).at("/deliveries/0/outcome").asText(), held.body());
        String recordId = "ref-" + ref + "-held-" + second;
        await(
            "the held event in the needs-attention view",
            () ->
                json(hub.get("/events?status=recorded&source=github&type=delete"))
                    .findValuesAsText("workflowId")
                    .contains(recordId));
        JsonNode listed = json(hub.get("/events?status=recorded&type=delete")).get("events");
        assertEquals("recorded", listed.get(0).get("delivery").asText(), listed.toString());
        assertFalse(
            json(hub.get("/events?status=recorded&type=create"))
                .findValuesAsText("workflowId")
                .contains("ref-" + ref),
            "the run that started normally is not listed");

        hub.stub("ref-" + ref).terminate("ref done");
        HttpResponse<String> replayed =
            hub.post("/events/github/" + second + "/replay", "application/json", "{}");
        assertEquals(200, replayed.statusCode(), replayed.body());
        assertEquals("ref-" + ref, json(replayed).at("/deliveries/0/workflowId").asText());
        assertEquals("EventInbox", hub.describe("ref-" + ref).orElseThrow().getWorkflowType());
        await(
            "the replayed start found through visibility",
            () ->
                json(hub.get("/events/github/" + second))
                    .findValuesAsText("workflowId")
                    .contains("ref-" + ref));
      }
    }
  }

  static String[] headers(String event, String delivery, String body) {
    return new String[] {
      "X-GitHub-Event",
      event,
      "X-GitHub-Delivery",
      delivery,
      "X-Hub-Signature-256",
      TestSigner.github(SECRET, body)
    };
  }

  @Test
  void shouldListDeadLetterThroughVisibilityAndDeliverItOnReplay() throws Exception {
    try (ScriptedDownstream downstream = new ScriptedDownstream(System::currentTimeMillis);
        DevServer temporal = DevServer.startOrSkip(false)) {
      downstream.always("POST /sink", ScriptedDownstream.Answer.status(503));
      Map<String, Object> props =
          githubWithRoutes(
              Map.of(
                  "name",
                  "mirror",
                  "source",
                  "github",
                  "events",
                  List.of("release"),
                  "relay",
                  List.of(
                      Map.of(
                          "name", "sink",
                          "url", downstream.url() + "/sink",
                          "secret", "whsec_c2luay1zaWduaW5nLWtleS1mb3ItcmVhbC1zZXJ2ZXI=",
                          "policy", "quick"))));
      props.put("hookflow.policies.quick.initial-interval", "100ms");
      props.put("hookflow.policies.quick.maximum-attempts", 2);
      try (HubHarness hub = HubHarness.against(temporal.target(), props)) {
        String delivery = id();
        String workflowId = "relay-mirror-github-" + delivery;
        assertEquals(202, hub.postGithub(SECRET, "release", delivery, body(delivery)).statusCode());

        // The dead-letter view, read from visibility as another hub process would.
        await(
            "dead letter listed",
            () ->
                json(hub.get("/events?status=failed&source=github&type=release"))
                    .findValuesAsText("workflowId")
                    .contains(workflowId));
        JsonNode failed = json(hub.get("/events/github/" + delivery)).at("/deliveries/0");
        assertEquals("failed", failed.get("status").asText(), failed.toString());
        assertTrue(failed.get("failure").asText().contains("answered 503"), failed.toString());

        downstream.always("POST /sink", ScriptedDownstream.Answer.status(204));
        HttpResponse<String> replayed =
            hub.post(
                "/events/github/" + delivery + "/replay",
                "application/json",
                "{\"reason\":\"sink is back\"}");
        assertEquals(200, replayed.statusCode(), replayed.body());
        String newRun = json(replayed).at("/deliveries/0/runId").asText();
        assertNotEquals(failed.get("runId").asText(), newRun);
        hub.stub(workflowId).getResult(30, TimeUnit.SECONDS, Object.class);
        await(
            "replayed run completed in visibility",
            () -> {
              JsonNode view = json(hub.get("/events/github/" + delivery)).at("/deliveries/0");
              return view.path("runId").asText().equals(newRun)
                  && view.path("status").asText().equals("completed")
                  && view.path("outcome").asText().equals("replayed");
            });
        assertEquals(3, downstream.calls("POST /sink").size(), "two failed tries, one delivery");
      }
    }
  }

  @Test
  void shouldTakeEventIdsAndTypesUpToTheIntakeLimitAndRefuseLongerOnes() throws Exception {
    // Intake's 1,000-byte bound against the real server's 2 KB limit per search attribute value
    // (the test server has none): even quotes, doubled by JSON encoding, still fit.
    Map<String, Object> props =
        githubWithRoutes(
            Map.of(
                "name", "all",
                "source", "github",
                "events", List.of("*"),
                "start", "EventLog",
                "workflow-id", "bounded-{/n}"));
    try (DevServer temporal = DevServer.startOrSkip(false);
        HubHarness hub = HubHarness.against(temporal.target(), props)) {
      String n = id();
      String widest = "\"".repeat(1000);
      HttpResponse<String> type = hub.postGithub(SECRET, widest, id(), "{\"n\":\"" + n + "-t\"}");
      assertEquals(202, type.statusCode(), type.body());
      HttpResponse<String> eventId =
          hub.postGithub(SECRET, "push", widest, "{\"n\":\"" + n + "-i\"}");
      assertEquals(202, eventId.statusCode(), eventId.body());

      HubHarness.assertProblem(
          hub.postGithub(SECRET, "t".repeat(1001), id(), "{\"n\":\"" + n + "-t2\"}"),
          400,
          "invalid_event_type");
      HubHarness.assertProblem(
          hub.postGithub(SECRET, "push", "i".repeat(2100), "{\"n\":\"" + n + "-i2\"}"),
          400,
          "invalid_event_id");
    }
  }

  @Test
  void shouldAnswer503AndReportDownWhenTheNamespaceDoesNotExist() throws Exception {
    // A typo in TEMPORAL_NAMESPACE on an intake-only process (a worker would not start at all).
    Map<String, Object> props =
        githubWithRoutes(
            Map.of(
                "name", "pushes",
                "source", "github",
                "events", List.of("push"),
                "start", "EventLog",
                "workflow-id", "push-{eventId}"),
            Map.of(
                "name", "reviews",
                "source", "github",
                "events", List.of("pull_request_review"),
                "signal", "event",
                "workflow-id", "review-{/pull_request/number}"));
    props.put("hookflow.temporal.namespace", "no-such-namespace");
    props.put("hookflow.role", "intake");
    try (DevServer temporal = DevServer.startOrSkip(false);
        HubHarness hub = HubHarness.against(temporal.target(), props)) {
      HubHarness.assertProblem(
          hub.postGithub(SECRET, "push", id(), body("x")), 503, "temporal_unavailable");
      // Not "workflow_not_found": it is the namespace that is missing, not the workflow.
      HubHarness.assertProblem(
          hub.postGithub(SECRET, "pull_request_review", id(), "{\"pull_request\":{\"number\":7}}"),
          503,
          "temporal_unavailable");
      assertEquals(503, hub.get("/health").statusCode(), "health checks the namespace too");
    }
  }

  @Test
  void shouldAnswer413NotRetryForeverWhenTemporalRefusesTheEventsSize() throws Exception {
    // An operator raised the source's limit above what Temporal takes in one payload (2 MB blob
    // limit by default) or one gRPC message (4 MB).
    try (DevServer temporal = DevServer.startOrSkip(false);
        HubHarness hub =
            HubHarness.against(
                temporal.target(),
                Map.of(
                    "hookflow.sources.github.secrets",
                    SECRET,
                    "hookflow.sources.github.max-body-bytes",
                    8 * 1024 * 1024))) {
      for (int megabytes : new int[] {3, 5}) {
        String delivery = id();
        String body = "{\"blob\":\"" + "x".repeat(megabytes * 1024 * 1024) + "\"}";

        HttpResponse<String> refused = hub.postGithub(SECRET, "push", delivery, body);

        HubHarness.assertProblem(refused, 413, "payload_too_large");
        assertTrue(refused.body().contains("Temporal"), refused.body());
        assertTrue(hub.describe("github-push-" + delivery).isEmpty(), "nothing started");
      }
      String small = id();
      assertEquals(202, hub.postGithub(SECRET, "push", small, body(small)).statusCode());
    }
  }

  @Test
  void shouldReportThroughVisibilityHowEachEventReachedItsWorkflow() throws Exception {
    Map<String, Object> props =
        githubWithRoutes(
            Map.of(
                "name", "pr-inbox",
                "source", "github",
                "events", List.of("pull_request"),
                "signal-with-start", "EventInbox",
                "workflow-id", "pr-{/number}"),
            Map.of(
                "name", "pr-reviews",
                "source", "github",
                "events", List.of("pull_request_review"),
                "signal", "event",
                "workflow-id", "review-{/pull_request/number}",
                "if-not-running", "record"));
    try (DevServer temporal = DevServer.startOrSkip(false);
        HubHarness hub = HubHarness.against(temporal.target(), props)) {
      String pr = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000));
      String opened = id();
      String review = id();
      assertEquals(
          202,
          hub.postGithub(SECRET, "pull_request", opened, "{\"number\":" + pr + "}").statusCode());
      HttpResponse<String> kept =
          hub.postGithub(
              SECRET, "pull_request_review", review, "{\"pull_request\":{\"number\":" + pr + "}}");
      assertEquals(202, kept.statusCode(), kept.body());
      assertEquals("recorded", json(kept).at("/deliveries/0/outcome").asText(), kept.body());

      // Read back by another hub process would see the same: visibility, not this hub's memory.
      await(
          "signal-with-start in visibility",
          () ->
              json(hub.get("/events/github/" + opened))
                  .at("/deliveries/0/outcome")
                  .asText()
                  .equals("signaled"));
      await(
          "recorded event in visibility",
          () ->
              json(hub.get("/events/github/" + review))
                  .at("/deliveries/0/outcome")
                  .asText()
                  .equals("recorded"));
      JsonNode recorded = json(hub.get("/events/github/" + review)).at("/deliveries/0");
      assertEquals("review-" + pr + "-event-" + review, recorded.get("workflowId").asText());
      assertEquals("pr-reviews", recorded.get("route").asText());

      // An event signaled into a run another event started has no run of its own to find in
      // visibility; the intake process that took it still answers for it.
      String edited = id();
      assertEquals(
          202,
          hub.postGithub(SECRET, "pull_request", edited, "{\"number\":" + pr + "}").statusCode());
      HttpResponse<String> signaled = hub.get("/events/github/" + edited);
      assertEquals(200, signaled.statusCode(), signaled.body());
      assertEquals("pr-" + pr, json(signaled).at("/deliveries/0/workflowId").asText());
      assertEquals("signaled", json(signaled).at("/deliveries/0/outcome").asText());
      assertEquals("running", json(signaled).at("/deliveries/0/status").asText());

      // After the inbox closed, the real server also refuses to reuse its id on the first try,
      // so a repeat is answered from the closed run and only a new event opens a new run.
      String firstRun = hub.describe("pr-" + pr).orElseThrow().getExecution().getRunId();
      hub.stub("pr-" + pr).terminate("test done");
      HttpResponse<String> repeat =
          hub.postGithub(SECRET, "pull_request", opened, "{\"number\":" + pr + "}");
      assertEquals("duplicate", json(repeat).at("/deliveries/0/outcome").asText(), repeat.body());
      assertEquals(firstRun, json(repeat).at("/deliveries/0/runId").asText());
      HttpResponse<String> fresh =
          hub.postGithub(SECRET, "pull_request", id(), "{\"number\":" + pr + "}");
      assertEquals("signaled", json(fresh).at("/deliveries/0/outcome").asText(), fresh.body());
      assertNotEquals(firstRun, json(fresh).at("/deliveries/0/runId").asText());
      hub.stub("pr-" + pr).terminate("test done");
    }
  }

  @Test
  void shouldProcessAcceptedEventAfterTemporalItselfIsKilledAndRestarted() throws Exception {
    try (DevServer temporal = DevServer.startOrSkip(false)) {
      String delivery = id();
      String body = body(delivery);
      // Intake only: the event waits in Temporal, nothing in this process runs it.
      try (HubHarness hub =
          HubHarness.against(
              temporal.target(),
              Map.of("hookflow.sources.github.secrets", SECRET, "hookflow.role", "intake"))) {
        HttpResponse<String> accepted = hub.postGithub(SECRET, "push", delivery, body);
        assertEquals(202, accepted.statusCode(), accepted.body());
        String runId = json(accepted).get("deliveries").get(0).get("runId").asText();

        temporal.kill();
        temporal.start();

        WorkflowServiceStubs stubs =
            WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
        WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
        try {
          var worker = factory.newWorker("hookflow");
          worker.registerWorkflowImplementationTypes(
              dev.hookflow.workflows.policy.PolicyOptions.defaults(), EventLogWorkflowImpl.class);
          worker.registerActivitiesImplementations(new EventLogActivitiesImpl());
          factory.start();
          WorkflowClient client = WorkflowClient.newInstance(stubs);
          client
              .newUntypedWorkflowStub("github-push-" + delivery)
              .getResult(60, TimeUnit.SECONDS, Map.class);
          var description = client.newUntypedWorkflowStub("github-push-" + delivery).describe();
          assertEquals(
              runId,
              description.getExecution().getRunId(),
              "the run accepted before the crash completed");
          assertEquals(
              WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED, description.getStatus());
        } finally {
          factory.shutdownNow();
          stubs.shutdownNow();
        }

        // And the hub, still running, takes new webhooks again.
        String later = id();
        String laterBody = body(later);
        HttpResponse<String> again = null;
        for (int i = 0; i < 20; i++) {
          again = hub.postGithub(SECRET, "push", later, laterBody);
          if (again.statusCode() == 202) {
            break;
          }
          Thread.sleep(500);
        }
        assertEquals(202, again.statusCode(), again.body());
      }
    }
  }

  @Test
  void shouldCompleteEventOnceAfterHubProcessIsKilled() throws Exception {
    Path jar = Path.of(System.getProperty("hookflow.jar", "target/hub-api.jar"));
    dev.hookflow.hub.testing.Prerequisites.require(
        Files.exists(jar),
        dev.hookflow.hub.testing.Prerequisites.REAL_SERVER,
        "No shaded jar at " + jar + " (run through mvn verify)");
    try (DevServer temporal = DevServer.startOrSkip(false)) {
      String delivery = id();
      String body = body(delivery);
      int port = HubHarness.freePort();
      Process intake = startHub(jar, temporal.target(), port, "intake");
      HttpResponse<String> accepted;
      try {
        accepted = post(port, body, githubHeaders(delivery, body));
        assertEquals(202, accepted.statusCode(), accepted.body());
      } finally {
        intake.destroyForcibly(); // SIGKILL: no shutdown hooks
        intake.waitFor(10, TimeUnit.SECONDS);
      }
      String runId = json(accepted).get("deliveries").get(0).get("runId").asText();

      Process full = startHub(jar, temporal.target(), HubHarness.freePort(), "all");
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      try {
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        client
            .newUntypedWorkflowStub("github-push-" + delivery)
            .getResult(60, TimeUnit.SECONDS, Map.class);
        var history = client.fetchHistory("github-push-" + delivery).getEvents();
        assertEquals(
            runId,
            client
                .newUntypedWorkflowStub("github-push-" + delivery)
                .describe()
                .getExecution()
                .getRunId());
        // EventLog records in a local activity: one marker in the history per recorded event.
        assertEquals(
            1,
            history.stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
                .filter(
                    e ->
                        e.getMarkerRecordedEventAttributes()
                            .getMarkerName()
                            .equals("LocalActivity"))
                .count(),
            "the event is recorded exactly once");
        assertEquals(
            1,
            history.stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)
                .count());
      } finally {
        stubs.shutdownNow();
        full.destroy();
        full.waitFor(15, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void shouldFinishOrderOnceWithOneIdempotencyKeyWhenHubIsKilledDuringDownstreamCall()
      throws Exception {
    Path jar = Path.of(System.getProperty("hookflow.jar", "target/hub-api.jar"));
    dev.hookflow.hub.testing.Prerequisites.require(
        Files.exists(jar),
        dev.hookflow.hub.testing.Prerequisites.REAL_SERVER,
        "No shaded jar at " + jar + " (run through mvn verify)");
    try (DevServer temporal = DevServer.startOrSkip(false);
        ScriptedDownstream downstream = new ScriptedDownstream(System::currentTimeMillis)) {
      String order = "kill-" + UUID.randomUUID().toString().substring(0, 8);
      CountDownLatch stuck = new CountDownLatch(1);
      downstream
          .script(
              "POST /inventory/reservations",
              ScriptedDownstream.Answer.json(201, "{\"reservationId\":\"lost\"}").heldBy(stuck))
          .always(
              "POST /inventory/reservations",
              ScriptedDownstream.Answer.json(201, "{\"reservationId\":\"r-kill\"}"))
          .always(
              "POST /shipping/shipments",
              ScriptedDownstream.Answer.json(201, "{\"shipmentId\":\"s-kill\"}"));
      Map<String, String> env = new java.util.HashMap<>();
      env.put("MICRONAUT_ENVIRONMENTS", "reference");
      env.put("STRIPE_WEBHOOK_SECRET", STRIPE_SECRET);
      for (String name : new String[] {"inventory", "shipping", "notify", "payments"}) {
        env.put(
            "HOOKFLOW_DOWNSTREAMS_" + name.toUpperCase() + "_URL", downstream.url() + "/" + name);
      }
      // A killed worker's attempt is retried once its start-to-close timeout passes.
      List<String> jvm = List.of("-Dhookflow.policies.downstream.start-to-close-timeout=4s");
      String body =
          """
          {"id":"evt_%s","type":"checkout.session.completed","data":{"object":{"amount_total":500,
           "currency":"eur","payment_intent":"pi_%s","metadata":{"order_id":"%s"}}}}
          """
              .formatted(order, order, order);
      int hubPort = HubHarness.freePort();
      Process first = startHub(jar, temporal.target(), hubPort, "all", env, jvm);
      try {
        HttpResponse<String> accepted =
            postTo(
                hubPort,
                "/webhooks/stripe",
                body,
                "Stripe-Signature",
                TestSigner.stripe(STRIPE_SECRET, System.currentTimeMillis() / 1000, body));
        assertEquals(202, accepted.statusCode(), accepted.body());
        downstream.awaitCalls("POST /inventory", 1);
      } finally {
        first.destroyForcibly(); // SIGKILL while the reservation call is in flight
        first.waitFor(10, TimeUnit.SECONDS);
        stuck.countDown();
      }

      Process second = startHub(jar, temporal.target(), HubHarness.freePort(), "all", env, jvm);
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      try {
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        Map<?, ?> result =
            client
                .newUntypedWorkflowStub("order-" + order)
                .getResult(90, TimeUnit.SECONDS, Map.class);
        assertEquals("fulfilled", result.get("status"));
        assertEquals("r-kill", result.get("reservationId"));
        var reservations = downstream.calls("POST /inventory/reservations");
        assertEquals(2, reservations.size(), "the lost attempt and its retry");
        assertEquals(
            reservations.get(0).header("Idempotency-Key"),
            reservations.get(1).header("Idempotency-Key"),
            "the retry is recognisable downstream as the same step");
        assertTrue(
            reservations.get(0).header("Idempotency-Key").startsWith("order-" + order + "/"));
        assertEquals(1, downstream.calls("POST /shipping/shipments").size());
        assertEquals(1, downstream.calls("POST /notify/messages").size());
        assertEquals(0, downstream.calls("DELETE").size(), "nothing compensated");
      } finally {
        stubs.shutdownNow();
        second.destroy();
        second.waitFor(15, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * A delivery survives its hub: SIGKILL the hub while a delivery waits out its backoff, start
   * another on the same database, and the receiver gets the next scheduled attempt, once.
   */
  @Test
  void aDeliveryContinuesAfterItsHubIsKilledDuringTheBackoff() throws Exception {
    Path jar = Path.of(System.getProperty("hookflow.jar", "target/hub-api.jar"));
    Path data = Files.createTempDirectory("hookflow-pg-it");
    try (DevServer temporal = DevServer.startOrSkip(false);
        dev.hookflow.activities.testing.Receiver receiver =
            new dev.hookflow.activities.testing.Receiver().answering(503)) {
      Map<String, String> env =
          Map.of(
              "HOOKFLOW_DATABASE_DIR", data.toString(),
              "HOOKFLOW_MANAGEMENT_TOKEN", "it-token",
              "HOOKFLOW_OUTBOUND_RETRY_SCHEDULE", "0s,12s,1s");
      String[] auth = {"Authorization", "Bearer it-token"};
      int port = HubHarness.freePort();
      Process first = startHub(jar, temporal.target(), port, "all", env, List.of());
      String msgId;
      try {
        assertEquals(
            201, postTo(port, "/api/v1/app", "{\"name\":\"K\",\"uid\":\"k\"}", auth).statusCode());
        assertEquals(
            201,
            postTo(port, "/api/v1/app/k/endpoint", "{\"url\":\"" + receiver.url("/k") + "\"}", auth)
                .statusCode());
        HttpResponse<String> published =
            postTo(
                port, "/api/v1/app/k/msg", "{\"eventType\":\"a.b\",\"payload\":{\"n\":1}}", auth);
        assertEquals(202, published.statusCode(), published.body());
        msgId = HubHarness.json(published).get("id").asText();
        long deadline = System.currentTimeMillis() + 30_000;
        while (receiver.requests.isEmpty() && System.currentTimeMillis() < deadline) {
          Thread.sleep(50);
        }
        assertEquals(1, receiver.requests.size(), "the first attempt (answered 503)");
        // Killed once the attempt is recorded: in the backoff, not between the POST and its row
        // (that window is at-least-once: the attempt is made again after its timeout).
        while (attemptsOf(port, msgId, auth).size() < 1 && System.currentTimeMillis() < deadline) {
          Thread.sleep(50);
        }
      } finally {
        first.destroyForcibly(); // SIGKILL during the 12 s backoff
        first.waitFor(10, TimeUnit.SECONDS);
      }
      int secondPort = HubHarness.freePort();
      Process second = startHub(jar, temporal.target(), secondPort, "all", env, List.of());
      try {
        long deadline = System.currentTimeMillis() + 60_000;
        while (receiver.requests.size() < 2 && System.currentTimeMillis() < deadline) {
          Thread.sleep(100);
        }
        Thread.sleep(2_000); // nothing more may come
        assertEquals(2, receiver.requests.size(), "the scheduled second attempt, once");
        assertEquals(msgId, receiver.requests.get(1).header("webhook-id"));
        var attempts = attemptsOf(secondPort, msgId, auth);
        assertEquals(2, attempts.size(), attempts.toString());
        assertEquals(200, attempts.get(0).get("responseStatusCode").asInt());
        assertEquals(503, attempts.get(1).get("responseStatusCode").asInt());
      } finally {
        second.destroy();
        second.waitFor(20, TimeUnit.SECONDS);
      }
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode attemptsOf(
      int port, String msgId, String[] auth) throws Exception {
    return HubHarness.json(
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create(
                                "http://127.0.0.1:" + port + "/api/v1/app/k/attempt/msg/" + msgId))
                        .header(auth[0], auth[1])
                        .build(),
                    HttpResponse.BodyHandlers.ofString()))
        .get("data");
  }

  private static Process startHub(Path jar, String target, int port, String role) throws Exception {
    return startHub(jar, target, port, role, Map.of(), List.of());
  }

  private static Process startHub(
      Path jar,
      String target,
      int port,
      String role,
      Map<String, String> extraEnv,
      List<String> jvm)
      throws Exception {
    Path log = Files.createTempFile("hub-" + role, ".log");
    List<String> command = new java.util.ArrayList<>();
    command.add("java");
    command.addAll(jvm);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // Each hub process its own throwaway PostgreSQL unless the test shares a data directory.
    builder.environment().put("HOOKFLOW_DATABASE_DIR", "");
    builder.environment().putAll(extraEnv);
    builder
        .environment()
        .putAll(
            Map.of(
                "TEMPORAL_ADDRESS",
                target,
                "HOOKFLOW_PORT",
                Integer.toString(port),
                "HOOKFLOW_ROLE",
                role,
                "GITHUB_WEBHOOK_SECRET",
                SECRET));
    Process process = builder.start();
    long deadline = System.currentTimeMillis() + 90_000;
    while (!Files.readString(log).contains("Hookflow ready")) {
      if (!process.isAlive() || System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("hub did not start: " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    // Ready is said only after the hub's own HTTP endpoint and Temporal answered it.
    assertTrue(
        Files.readString(log).contains("Self-check: GET /health answered 200"),
        Files.readString(log));
    return process;
  }

  private static HttpResponse<String> post(int port, String body, String... headers)
      throws Exception {
    return postTo(port, "/webhooks/github", body, headers);
  }

  private static HttpResponse<String> postTo(int port, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
