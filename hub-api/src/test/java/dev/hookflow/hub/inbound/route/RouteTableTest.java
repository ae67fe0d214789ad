package dev.hookflow.hub.inbound.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookflow.hub.inbound.expression.RequestValues;
import dev.hookflow.hub.inbound.expression.ValueExpression;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  static RequestValues values(
      String json, Map<String, String> headers, Map<String, String> fields) {
    try {
      JsonNode payload = MAPPER.readTree(json);
      return new RequestValues(
          name ->
              headers.entrySet().stream()
                  .filter(e -> e.getKey().equalsIgnoreCase(name))
                  .map(Map.Entry::getValue)
                  .findFirst()
                  .orElse(null),
          payload,
          fields::get);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static final String STRIPE_EVENT =
      "{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\","
          + "\"data\":{\"object\":{\"mode\":\"payment\",\"metadata\":{\"order_id\":\"1234\"}}}}";

  static RequestValues stripe(String type) {
    return values(
        STRIPE_EVENT,
        Map.of("X-Request", "r1"),
        Map.of("source", "stripe", "eventId", "evt_1", "type", type));
  }

  @Test
  void shouldMatchGlobsAcrossDots() {
    assertTrue(Glob.of("payment_intent.*").matches("payment_intent.succeeded"));
    assertTrue(Glob.of("*").matches("a.b.c"));
    assertTrue(Glob.of("*.completed").matches("checkout.session.completed"));
    assertFalse(Glob.of("payment_intent.*").matches("charge.refunded"));
    assertFalse(Glob.of("push").matches("pushed"));
    assertTrue(Glob.of("a+b(c)").matches("a+b(c)"));
  }

  @Test
  void shouldFanOutToEveryMatchingRouteInOrder() {
    RouteTable table =
        new RouteTable(
            RouteTable.parse(
                List.of(
                    Map.of(
                        "name",
                        "orders",
                        "source",
                        "stripe",
                        "events",
                        List.of("checkout.session.*"),
                        "start",
                        "OrderFulfillment",
                        "workflow-id",
                        "order-{/data/object/metadata/order_id}"),
                    Map.of("name", "audit", "source", "*", "start", "EventLog"),
                    Map.of(
                        "name",
                        "refunds",
                        "source",
                        "stripe",
                        "events",
                        List.of("charge.refunded"),
                        "signal",
                        "refund",
                        "workflow-id",
                        "order-{/data/object/metadata/order_id}"),
                    Map.of("name", "github-only", "source", "github", "start", "EventLog"))),
            true);
    List<Route> matched =
        table.match("stripe", "checkout.session.completed", stripe("checkout.session.completed"));
    assertEquals(List.of("orders", "audit"), matched.stream().map(Route::name).toList());
    assertEquals(
        "order-1234", matched.get(0).workflowId().render(stripe("checkout.session.completed")));
    assertEquals(
        "stripe-checkout.session.completed-evt_1",
        matched.get(1).workflowId().render(stripe("checkout.session.completed")));
    Route refund = table.match("stripe", "charge.refunded", stripe("charge.refunded")).get(1);
    assertEquals(Route.Action.SIGNAL, refund.action());
    assertEquals("refund", refund.signal());
  }

  @Test
  void shouldUseFallbackOnlyWhenNothingMatches() {
    RouteTable table =
        new RouteTable(
            RouteTable.parse(
                List.of(Map.of("source", "github", "events", List.of("push"), "start", "Ci"))),
            true);
    assertEquals(List.of(RouteTable.FALLBACK), table.match("stripe", "x", stripe("x")));
    RouteTable noFallback = new RouteTable(table.routes(), false);
    assertTrue(noFallback.match("stripe", "x", stripe("x")).isEmpty());
  }

  @Test
  void shouldApplyPayloadConditions() {
    RouteTable table =
        new RouteTable(
            RouteTable.parse(
                List.of(
                    Map.of(
                        "name",
                        "paid",
                        "source",
                        "stripe",
                        "when",
                        List.of("/data/object/mode == payment"),
                        "start",
                        "A"),
                    Map.of(
                        "name",
                        "subs",
                        "source",
                        "stripe",
                        "when",
                        List.of("/data/object/mode == subscription"),
                        "start",
                        "B"),
                    Map.of(
                        "name",
                        "not-sub",
                        "source",
                        "stripe",
                        "when",
                        List.of("/data/object/mode != sub*"),
                        "start",
                        "C"),
                    Map.of(
                        "name",
                        "header",
                        "source",
                        "stripe",
                        "when",
                        List.of("header:X-Request == r*"),
                        "start",
                        "D"),
                    Map.of(
                        "name",
                        "absent",
                        "source",
                        "stripe",
                        "when",
                        List.of("/nope == *"),
                        "start",
                        "E"))),
            false);
    assertEquals(
        List.of("paid", "not-sub", "header"),
        table.match("stripe", "t", stripe("t")).stream().map(Route::name).toList());
  }

  @Test
  void shouldRenderTemplatesFromHeadersFieldsAndPointers() {
    WorkflowIdTemplate template =
        WorkflowIdTemplate.parse(
            "{source}:{header:x-request}:{/data/object/metadata/order_id}:{eventId}");
    assertEquals("stripe:r1:1234:evt_1", template.render(stripe("t")));
    assertNull(WorkflowIdTemplate.parse("order-{/data/missing}").render(stripe("t")));
    assertEquals("plain", WorkflowIdTemplate.parse("plain").render(stripe("t")));
  }

  @Test
  void shouldTakeFirstPresentAlternativeAndJoinParts() {
    ValueExpression slackId =
        ValueExpression.parse("/event_id | header:X-Slack-Request-Timestamp + /trigger_id");
    assertEquals(
        "Ev1",
        slackId.evaluate(
            values(
                "{\"event_id\":\"Ev1\",\"trigger_id\":\"t\"}",
                Map.of("X-Slack-Request-Timestamp", "99"),
                Map.of())));
    assertEquals(
        "99-t",
        slackId.evaluate(
            values("{\"trigger_id\":\"t\"}", Map.of("X-Slack-Request-Timestamp", "99"), Map.of())));
    assertNull(slackId.evaluate(values("{}", Map.of("X-Slack-Request-Timestamp", "99"), Map.of())));
    assertEquals(
        "twilio.request",
        ValueExpression.parse("/SmsStatus | const:twilio.request")
            .evaluate(values("{}", Map.of(), Map.of())));
  }

  @Test
  void shouldParseRelayRouteWithDefaultsAndParams() {
    Route route =
        RouteTable.parse(
                List.of(
                    Map.of(
                        "name",
                        "audit",
                        "source",
                        "github",
                        "params",
                        Map.of("pipeline-timeout", "2h"),
                        "relay",
                        List.of(
                            Map.of(
                                "name", "sink",
                                "url", "https://sink.example.test/h?token=t0p",
                                "secret", "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=",
                                "headers", Map.of("X-Api-Key", "k3y"))))))
            .get(0);
    assertTrue(route.isRelay());
    assertEquals("Relay", route.workflowType());
    assertEquals(Route.Action.START, route.action());
    assertEquals("relay", route.relay().get(0).policy());
    assertEquals("2h", route.params().get("pipeline-timeout"));
    assertEquals(
        "relay-audit-github-d1",
        route
            .workflowId()
            .render(values("{}", Map.of(), Map.of("source", "github", "eventId", "d1"))));
    String shown = route.relay().get(0).toString();
    assertFalse(shown.contains("t0p") || shown.contains("k3y") || shown.contains("whsec"), shown);
  }

  @Test
  void shouldRejectBadRelayDestinations() {
    Map<String, Object> sink =
        Map.of("name", "sink", "url", "https://sink.example.test/h", "secret", "whsec_x");
    assertRefused(Map.of("source", "a", "relay", List.of(sink)), "needs a 'name'");
    assertRefused(Map.of("name", "r", "source", "a", "relay", List.of(sink, sink)), "repeats");
    assertRefused(
        Map.of(
            "name",
            "r",
            "source",
            "a",
            "relay",
            List.of(Map.of("name", "s", "url", "https://x.test/"))),
        "needs a 'secret'");
    assertRefused(
        Map.of(
            "name",
            "r",
            "source",
            "a",
            "relay",
            List.of(Map.of("name", "s", "url", "ftp://x.test/", "secret", "s"))),
        "http(s)");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RouteTable.parse(
                List.of(Map.of("name", "r", "source", "a", "start", "X", "relay", List.of(sink)))));
  }

  @Test
  void shouldParsePublishRoutesAndRejectBadOnes() {
    Route route =
        RouteTable.parse(
                List.of(
                    Map.of(
                        "source",
                        "github",
                        "publish",
                        Map.of("app", "partners", "event-type", "github.{type}"))))
            .get(0);
    assertEquals(Route.Action.PUBLISH, route.action());
    assertEquals("{source}-{eventId}", route.publish().eventId().toString(), "default event id");
    assertEquals("", route.publish().payload(), "default payload: the whole body");
    assertTrue(route.describe().contains("publish to app partners"), route.describe());

    assertRefused(
        Map.of("source", "a", "start", "X", "publish", Map.of("app", "p", "event-type", "t")),
        "no start");
    assertRefused(Map.of("source", "a", "publish", Map.of("app", "p")), "'event-type'");
    assertRefused(
        Map.of("source", "a", "publish", Map.of("app", "p", "event-type", "t", "payload", "data")),
        "JSON pointer");
    assertRefused(
        Map.of("source", "a", "workflow-id", "x", "publish", Map.of("app", "p", "event-type", "t")),
        "do not belong to a publish route");
    assertRefused(
        Map.of("source", "a", "publish", Map.of("app", "p", "event-type", "t", "apps", "q")),
        "unknown setting 'apps' in a publish action");
  }

  private static void assertRefused(Map<String, Object> route, String expected) {
    String message =
        assertThrows(IllegalArgumentException.class, () -> RouteTable.parse(List.of(route)))
            .getMessage();
    assertTrue(message.contains(expected), message);
  }

  @Test
  void shouldRejectBadRouteConfigurationWithItsIndex() {
    IllegalArgumentException twoActions =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RouteTable.parse(
                    List.of(Map.of("source", "a", "start", "X", "signal-with-start", "Y"))));
    assertTrue(twoActions.getMessage().startsWith("hookflow.routes[0]"), twoActions.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> RouteTable.parse(List.of(Map.of("source", "a", "signal", "s"))));
    assertThrows(
        IllegalArgumentException.class, () -> RouteTable.parse(List.of(Map.of("start", "X"))));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RouteTable.parse(
                List.of(Map.of("source", "a", "start", "X", "workflow-id", "x-{bogus}"))));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RouteTable.parse(
                List.of(Map.of("source", "a", "start", "X", "when", List.of("/a ~ b")))));
  }

  @Test
  void shouldDefaultSignalWithStartSignalName() {
    Route route =
        RouteTable.parse(
                List.of(
                    Map.of(
                        "source",
                        "github",
                        "signal-with-start",
                        "EventInbox",
                        "workflow-id",
                        "pr-{/number}")))
            .get(0);
    assertEquals(Route.Action.SIGNAL_WITH_START, route.action());
    assertEquals("event", route.signal());
    assertEquals("EventInbox", route.workflowType());
  }

  @Test
  void shouldParseIfNotRunningOnlyOnSignalRoutes() {
    Map<String, Object> signal =
        Map.of("source", "stripe", "signal", "refund", "workflow-id", "order-{/id}");
    assertEquals(
        Route.IfNotRunning.REJECT, RouteTable.parse(List.of(signal)).get(0).ifNotRunning());
    Map<String, Object> record = new java.util.HashMap<>(signal);
    record.put("if-not-running", "record");
    Route route = RouteTable.parse(List.of(record)).get(0);
    assertEquals(Route.IfNotRunning.RECORD, route.ifNotRunning());
    assertEquals("order-7-refund-evt_1", route.recordId("order-7", "evt_1"));

    record.put("if-not-running", "ignore");
    String unknown =
        assertThrows(IllegalArgumentException.class, () -> RouteTable.parse(List.of(record)))
            .getMessage();
    assertTrue(unknown.contains("'ignore'"), unknown);
    String onStart =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    RouteTable.parse(
                        List.of(Map.of("source", "a", "start", "X", "if-not-running", "record"))))
            .getMessage();
    assertTrue(onStart.contains("belongs to 'signal' routes"), onStart);
  }

  @Test
  void shouldParseIfExistsOnlyOnStartRoutesWithRecordAsDefault() {
    Map<String, Object> start =
        new java.util.HashMap<>(
            Map.of("source", "acme", "start", "Order", "workflow-id", "o-{/id}"));
    Route plain = RouteTable.parse(List.of(start)).get(0);
    assertEquals(Route.IfExists.RECORD, plain.ifExists());
    assertEquals("o-7-held-evt_1", plain.recordId("o-7", "evt_1"));

    start.put("if-exists", "reject");
    assertEquals(Route.IfExists.REJECT, RouteTable.parse(List.of(start)).get(0).ifExists());
    start.put("if-exists", "signal: update");
    Route signal = RouteTable.parse(List.of(start)).get(0);
    assertEquals(new Route.IfExists(Route.IfExists.Mode.SIGNAL, "update"), signal.ifExists());
    assertEquals("o-7-update-evt_1", signal.recordId("o-7", "evt_1"));
    String longId = "o-" + "7".repeat(990);
    String bounded = plain.recordId(longId, "evt_1");
    assertTrue(bounded.matches("held-[0-9a-f]{64}"), bounded);
    assertEquals(bounded, plain.recordId(longId, "evt_1"), "deterministic, so repeats find it");
    assertFalse(bounded.equals(plain.recordId(longId, "evt_2")));

    for (String bad : List.of("ignore", "signal:", "duplicate")) {
      start.put("if-exists", bad);
      String message =
          assertThrows(IllegalArgumentException.class, () -> RouteTable.parse(List.of(start)))
              .getMessage();
      assertTrue(message.contains("'if-exists' is record"), message);
    }
    String onSignal =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    RouteTable.parse(
                        List.of(
                            Map.of(
                                "source",
                                "a",
                                "signal",
                                "s",
                                "workflow-id",
                                "x",
                                "if-exists",
                                "record"))))
            .getMessage();
    assertTrue(onSignal.contains("belongs to 'start' routes"), onSignal);
  }
}
