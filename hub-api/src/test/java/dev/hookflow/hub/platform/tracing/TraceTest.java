package dev.hookflow.hub.platform.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hookflow.hub.testing.HubHarness;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One webhook gives one trace: the intake request (continuing the sender's traceparent), the
 * workflow start, the workflow and its activity on the worker, and the downstream call, which
 * receives the same trace id.
 */
class TraceTest {
  static final String SECRET = "trace-secret";
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Test
  void shouldFollowOneWebhookFromTheSenderToTheDownstreamInOneTrace() throws Exception {
    CompletableFuture<String> received = new CompletableFuture<>();
    HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    sink.createContext(
        "/hook",
        exchange -> {
          received.complete(exchange.getRequestHeaders().getFirst("traceparent"));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    sink.start();
    TestSpans.SPANS.reset();
    try (HubHarness hub =
        new HubHarness(
            Map.of(
                "test.traces",
                "true",
                "hookflow.sources.github.secrets",
                SECRET,
                "hookflow.routes",
                List.of(
                    Map.of(
                        "name",
                        "mirror",
                        "source",
                        "github",
                        "events",
                        List.of("push"),
                        "relay",
                        List.of(
                            Map.of(
                                "name",
                                "sink",
                                "url",
                                "http://127.0.0.1:" + sink.getAddress().getPort() + "/hook",
                                "secret",
                                "whsec_c2lnbmluZy1rZXktb2Ytc2l4dGVlbi1ieXRlcw=="))))))) {
      String body = "{\"ref\":\"x\"}";
      var answer =
          hub.postGithub(
              SECRET,
              "push",
              UUID.randomUUID().toString(),
              body,
              "traceparent",
              "00-" + TRACE + "-00f067aa0ba902b7-01");
      assertEquals(202, answer.statusCode(), answer.body());

      String traceparent = received.get(30, TimeUnit.SECONDS);
      assertTrue(traceparent.startsWith("00-" + TRACE + "-"), traceparent);

      List<String> expected =
          List.of(
              "POST /webhooks/{source}",
              "verify",
              "route",
              "dispatch mirror",
              "StartWorkflow:Relay",
              "RunWorkflow:Relay",
              "StartChildWorkflow:Delivery",
              "RunWorkflow:Delivery",
              "StartActivity:DeliverAttempt",
              "RunActivity:DeliverAttempt",
              "POST sink");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      Set<String> names;
      do {
        Thread.sleep(100);
        names =
            TestSpans.SPANS.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(TRACE))
                .map(SpanData::getName)
                .collect(Collectors.toSet());
      } while (!names.containsAll(expected) && System.nanoTime() < deadline);
      for (String name : expected) {
        assertTrue(names.contains(name), "no span " + name + " in the trace: " + names);
      }
    } finally {
      sink.stop(0);
    }
  }
}
