package dev.hookflow.bench;

import com.sun.net.httpserver.HttpServer;
import dev.hookflow.workflows.delivery.DeliveryInput;
import dev.hookflow.workflows.delivery.DeliveryWorkflow;
import dev.hookflow.workflows.event.SearchAttributeNames;
import dev.hookflow.workflows.policy.RetrySchedule;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sending webhooks, each figure beside its baseline measured in the same run on the same Temporal:
 *
 * <ul>
 *   <li>publish: {@code POST /api/v1/app/{app}/msg} answered 202 per second, to an application with
 *       one endpoint (a local sink), against raw client starts of the same {@code Delivery}
 *       workflow (a stored message to the same endpoint, with the ids, search attributes and
 *       summary the hub gives it), run by the hub's worker, which POSTs to the sink as for a
 *       publish;
 *   <li>delivered: those published messages per second from the first publish to the last POST the
 *       sink received, against a bare workflow whose one activity makes the same POST, started from
 *       a client and run by a worker in this process.
 * </ul>
 *
 * CPU per message: the hub's (or this process's, for the bare baseline) and Temporal's.
 */
final class OutboundPhase {
  static final String TOKEN = "bench-management-token";
  static final String BARE_QUEUE = "bench-bare";

  /** The baseline's workflow: one activity, the POST. */
  @WorkflowInterface
  public interface BareDelivery {
    @WorkflowMethod(name = "BenchBareDelivery")
    void deliver(String id, String body);
  }

  @ActivityInterface
  public interface BarePost {
    @ActivityMethod(name = "BenchBarePost")
    void post(String id, String body);
  }

  public static class BareDeliveryImpl implements BareDelivery {
    private final BarePost post =
        Workflow.newActivityStub(
            BarePost.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(45)).build());

    @Override
    public void deliver(String id, String body) {
      post.post(id, body);
    }
  }

  /** A subscriber on loopback: counts POSTs and keeps the time of the last. */
  static final class Sink implements AutoCloseable {
    final HttpServer server;
    final AtomicInteger received = new AtomicInteger();
    final AtomicLong last = new AtomicLong();

    Sink() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(Executors.newFixedThreadPool(4));
      server.createContext(
          "/",
          exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            last.set(System.nanoTime());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
  }

  /** One round of one side. */
  record Round(double rate, double hubCpuMs, double temporalCpuMs, int errors) {}

  private final ManagedProcess hub;
  private final int port;
  private final TemporalBackend temporal;
  private final WorkflowClient client;
  private final HttpClient http = HttpClient.newHttpClient();

  OutboundPhase(ManagedProcess hub, int port, TemporalBackend temporal, WorkflowClient client) {
    this.hub = hub;
    this.port = port;
    this.temporal = temporal;
    this.client = client;
  }

  /**
   * @param repeats rounds per side and concurrency (0: none, only the soak)
   * @param soak messages for the soak after the rounds (0: none)
   */
  void run(String name, String runId, int[] concurrencies, int count, int repeats, int soak)
      throws Exception {
    String delApp = "bench-del-" + runId;
    try (Sink sink = new Sink()) {
      api("/api/v1/app", "{\"name\":\"deliver\",\"uid\":\"" + delApp + "\"}");
      String endpointId =
          api("/api/v1/app/" + delApp + "/endpoint", "{\"url\":\"" + sink.url() + "\"}")
              .get("id")
              .asText();
      // The raw baseline's deliveries carry this one stored message, each under its own id.
      String rawMsgId =
          api(
                  "/api/v1/app/" + delApp + "/msg",
                  "{\"eventType\":\"bench.push\",\"payload\":" + Requests.body(runId) + "}")
              .get("id")
              .asText();
      String appId = appId(delApp);
      RawTarget rawTarget = new RawTarget(appId, rawMsgId, endpointId);
      WorkerFactory factory = WorkerFactory.newInstance(client);
      Worker worker = factory.newWorker(BARE_QUEUE);
      worker.registerWorkflowImplementationTypes(BareDeliveryImpl.class);
      HttpClient posts = HttpClient.newHttpClient();
      URI target = URI.create(sink.url());
      worker.registerActivitiesImplementations(
          (BarePost)
              (id, body) -> {
                try {
                  posts.send(
                      HttpRequest.newBuilder(target)
                          .header("content-type", "application/json")
                          .header("webhook-id", id)
                          .POST(HttpRequest.BodyPublishers.ofString(body))
                          .build(),
                      HttpResponse.BodyHandlers.discarding());
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException(e);
                }
              });
      factory.start();
      try {
        // warm-up of every side, discarded
        deliverRound(delApp, runId + "w", 16, Math.min(count, 300), sink);
        rawDeliveryRound(rawTarget, runId + "w", 16, Math.min(count, 300), sink);
        bareRound(runId + "w", 16, Math.min(count, 300), sink);
        for (int c : concurrencies) {
          if (c < 16) {
            continue;
          }
          List<Round> pub = new ArrayList<>();
          List<Round> raw = new ArrayList<>();
          List<Round> del = new ArrayList<>();
          List<Round> bare = new ArrayList<>();
          for (int rep = 0; rep < repeats; rep++) {
            String id = runId + "c" + c + "r" + rep;
            Round[] published = deliverRound(delApp, id, c, count, sink);
            pub.add(published[0]);
            del.add(published[1]);
            raw.add(rawDeliveryRound(rawTarget, id, c, count, sink));
            bare.add(bareRound(id, c, count, sink));
          }
          report(name, c, count, pub, raw, del, bare);
        }
        if (soak > 0) {
          soak(name, delApp, runId, soak, sink);
        }
      } finally {
        factory.shutdownNow();
      }
    }
  }

  /** The stored message and endpoint the raw baseline's deliveries carry. */
  record RawTarget(String appId, String msgId, String endpointId) {}

  /**
   * Starts {@code Delivery} workflows from a client as the hub does (ids, search attributes,
   * summary, the hub's schedule), each with the one stored message to the sink; the hub's worker
   * runs them. Their POSTs count at the sink, so the round also waits for them.
   */
  private Round rawDeliveryRound(RawTarget target, String id, int c, int count, Sink sink)
      throws Exception {
    SearchAttributeKey<String> appKey = SearchAttributeKey.forKeyword(SearchAttributeNames.APP);
    SearchAttributeKey<String> endpointKey =
        SearchAttributeKey.forKeyword(SearchAttributeNames.ENDPOINT);
    SearchAttributeKey<String> typeKey =
        SearchAttributeKey.forKeyword(SearchAttributeNames.EVENT_TYPE);
    int before = sink.received.get();
    double hubCpu = hub.cpuSeconds();
    double serverCpu = Bench.cpuSeconds(temporal.pids());
    Stats stats =
        parallel(
            c,
            count,
            i -> {
              String workflowId =
                  "delivery/"
                      + target.appId()
                      + "/"
                      + target.msgId()
                      + "/"
                      + target.endpointId()
                      + "/bench-"
                      + id
                      + "-"
                      + i;
              WorkflowOptions options =
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(workflowId)
                      .setTaskQueue("hookflow")
                      .setTypedSearchAttributes(
                          SearchAttributes.newBuilder()
                              .set(appKey, target.appId())
                              .set(endpointKey, target.endpointId())
                              .set(typeKey, "bench.push")
                              .build())
                      .setStaticSummary(
                          "Deliver " + target.msgId() + " (bench.push) to " + target.endpointId())
                      .build();
              WorkflowClient.start(
                  client.newWorkflowStub(DeliveryWorkflow.class, options)::deliver,
                  new DeliveryInput(
                      target.appId(),
                      target.msgId(),
                      target.endpointId(),
                      RetrySchedule.parse(RetrySchedule.DEFAULT).texts(),
                      false,
                      15));
            });
    awaitSink(sink, before + count - stats.errorCount());
    Round round =
        new Round(
            stats.rps(),
            (hub.cpuSeconds() - hubCpu) * 1000 / count,
            (Bench.cpuSeconds(temporal.pids()) - serverCpu) * 1000 / count,
            stats.errorCount());
    Bench.print(
        "DETAIL outbound raw_delivery_start c=%d rate=%.1f/s hub_cpu_ms=%.2f temporal_cpu_ms=%.2f"
            + " errors=%d",
        c, round.rate(), round.hubCpuMs(), round.temporalCpuMs(), round.errors());
    settle();
    return round;
  }

  /** Publishes {@code count} messages to the sink's application: {publish, delivered}. */
  private Round[] deliverRound(String app, String id, int c, int count, Sink sink)
      throws Exception {
    byte[][] requests = new byte[count][];
    for (int i = 0; i < count; i++) {
      requests[i] = Requests.publish(app, id + "-d" + i, port, TOKEN);
    }
    int before = sink.received.get();
    double hubCpu = hub.cpuSeconds();
    double serverCpu = Bench.cpuSeconds(temporal.pids());
    long start = System.nanoTime();
    Stats stats = HttpLoad.run("deliver", port, requests, c, 600_000);
    awaitSink(sink, before + count - stats.errorCount());
    double seconds = (sink.last.get() - start) / 1e9;
    Round round =
        new Round(
            (sink.received.get() - before) / seconds,
            (hub.cpuSeconds() - hubCpu) * 1000 / count,
            (Bench.cpuSeconds(temporal.pids()) - serverCpu) * 1000 / count,
            stats.errorCount());
    Bench.print(
        "DETAIL outbound delivered c=%d rate=%.1f/s (publish %.1f/s) hub_cpu_ms=%.2f"
            + " temporal_cpu_ms=%.2f errors=%d",
        c, round.rate(), stats.rps(), round.hubCpuMs(), round.temporalCpuMs(), round.errors());
    settle();
    return new Round[] {
      new Round(stats.rps(), round.hubCpuMs(), round.temporalCpuMs(), stats.errorCount()), round
    };
  }

  /**
   * Publishes {@code total} messages in 5 rounds (16 publishers) to the sink's application, each
   * round waiting until the sink has them all, then samples the hub's heap after a full GC and its
   * RSS: a hub that kept something per message would grow round by round.
   */
  private void soak(String name, String app, String runId, int total, Sink sink) throws Exception {
    int rounds = 5;
    int perRound = total / rounds;
    Bench.print(
        "DETAIL scenario=%s outbound_soak round=0 sent=0 heap_after_gc_mib=%.1f rss_mib=%.0f",
        name, hub.heapAfterGcMiB(), hub.rssMiB()[0]);
    for (int r = 1; r <= rounds; r++) {
      byte[][] requests = new byte[perRound][];
      for (int i = 0; i < perRound; i++) {
        requests[i] = Requests.publish(app, runId + "-s" + r + "-" + i, port, TOKEN);
      }
      int before = sink.received.get();
      long start = System.nanoTime();
      Stats stats = HttpLoad.run("soak", port, requests, 16, 3_600_000);
      awaitSink(sink, before + perRound - stats.errorCount());
      double seconds = (sink.last.get() - start) / 1e9;
      Bench.print(
          "DETAIL scenario=%s outbound_soak round=%d sent=%d publish=%.0f/s delivered=%.1f/s"
              + " errors=%d heap_after_gc_mib=%.1f rss_mib=%.0f",
          name,
          r,
          r * perRound,
          stats.rps(),
          (sink.received.get() - before) / seconds,
          stats.errorCount(),
          hub.heapAfterGcMiB(),
          hub.rssMiB()[0]);
    }
  }

  private Round bareRound(String id, int c, int count, Sink sink) throws Exception {
    String body = Requests.body(id);
    int before = sink.received.get();
    double selfCpu = Bench.selfCpuSeconds();
    double serverCpu = Bench.cpuSeconds(temporal.pids());
    long start = System.nanoTime();
    Stats stats =
        parallel(
            c,
            count,
            i ->
                WorkflowClient.start(
                    client.newWorkflowStub(
                            BareDelivery.class,
                            WorkflowOptions.newBuilder()
                                .setWorkflowId("bench-bare/" + id + "/" + i)
                                .setTaskQueue(BARE_QUEUE)
                                .build())
                        ::deliver,
                    id + "-" + i,
                    body));
    awaitSink(sink, before + count - stats.errorCount());
    double seconds = (sink.last.get() - start) / 1e9;
    Round round =
        new Round(
            (sink.received.get() - before) / seconds,
            (Bench.selfCpuSeconds() - selfCpu) * 1000 / count,
            (Bench.cpuSeconds(temporal.pids()) - serverCpu) * 1000 / count,
            stats.errorCount());
    Bench.print(
        "DETAIL outbound bare_delivered c=%d rate=%.1f/s bench_process_cpu_ms=%.2f"
            + " temporal_cpu_ms=%.2f errors=%d",
        c, round.rate(), round.hubCpuMs(), round.temporalCpuMs(), round.errors());
    settle();
    return round;
  }

  private static void awaitSink(Sink sink, int target) throws InterruptedException {
    long deadline = System.nanoTime() + 3_600_000_000_000L;
    while (sink.received.get() < target && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** Lets the workflows a round started finish before the next round is measured. */
  private static void settle() throws InterruptedException {
    Thread.sleep(3_000);
  }

  interface Call {
    void run(int index) throws Exception;
  }

  private static Stats parallel(int c, int count, Call call) throws InterruptedException {
    long[] latencies = new long[count];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    java.util.Map<String, Integer> errors = new java.util.concurrent.ConcurrentHashMap<>();
    Thread[] users = new Thread[c];
    long start = System.nanoTime();
    for (int u = 0; u < c; u++) {
      users[u] =
          new Thread(
              () -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                  long t0 = System.nanoTime();
                  try {
                    call.run(i);
                    latencies[i] = System.nanoTime() - t0;
                    ok.incrementAndGet();
                  } catch (Exception e) {
                    errors.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                  }
                }
              });
      users[u].start();
    }
    for (Thread user : users) {
      user.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Stats(
        "raw", c, Arrays.stream(latencies).filter(l -> l > 0).toArray(), ok.get(), errors, seconds);
  }

  private void report(
      String name,
      int c,
      int count,
      List<Round> pub,
      List<Round> raw,
      List<Round> del,
      List<Round> bare) {
    double p = median(pub, Round::rate);
    double r = median(raw, Round::rate);
    double d = median(del, Round::rate);
    double b = median(bare, Round::rate);
    Bench.print(
        "OUTBOUND scenario=%s c=%d n=%d publish=%.1f/s raw_delivery_starts=%.1f/s ratio=%.2f"
            + " (goal 0.9) delivered=%.1f/s bare_workflow_post=%.1f/s ratio=%.2f (goal 0.8)"
            + " raw_cpu_ms: hub=%.2f temporal=%.2f delivered_cpu_ms: hub=%.2f temporal=%.2f"
            + " bare_cpu_ms: worker=%.2f temporal=%.2f",
        name,
        c,
        count,
        p,
        r,
        p / r,
        d,
        b,
        d / b,
        median(raw, Round::hubCpuMs),
        median(raw, Round::temporalCpuMs),
        median(del, Round::hubCpuMs),
        median(del, Round::temporalCpuMs),
        median(bare, Round::hubCpuMs),
        median(bare, Round::temporalCpuMs));
  }

  static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> value) {
    double[] values = rounds.stream().mapToDouble(value).sorted().toArray();
    return values.length == 0 ? Double.NaN : values[values.length / 2];
  }

  private com.fasterxml.jackson.databind.JsonNode api(String path, String body) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          path + " answered " + response.statusCode() + ": " + response.body());
    }
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
  }

  private String appId(String uid) throws Exception {
    String body =
        http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/app/" + uid))
                    .header("Authorization", "Bearer " + TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("id").asText();
  }
}
