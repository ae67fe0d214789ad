package dev.hookflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookflow.workflows.event.SearchAttributeNames;
import dev.hookflow.workflows.event.WebhookEvent;
import dev.hookflow.workflows.eventlog.EventLogWorkflow;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baseline: the same workflow type started straight from a Temporal client, with the same
 * envelope, search attributes, id policies and summary the hub sends. Whatever the hub adds on top
 * of this is intake cost.
 */
final class RawLoad {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RawLoad() {}

  /** Starts the events with indexes {@code from} (inclusive) to {@code to} (exclusive). */
  static Stats run(
      WorkflowClient client,
      String taskQueue,
      String runId,
      int from,
      int to,
      int duplicateEvery,
      int concurrency,
      long maxMillis)
      throws Exception {
    int count = to - from;
    WebhookEvent[] events = new WebhookEvent[count];
    for (int k = 0; k < count; k++) {
      int i = from + k;
      int event =
          duplicateEvery > 0 && i % duplicateEvery == duplicateEvery - 1 && i >= 10 ? i - 10 : i;
      String id = runId + "-" + event;
      events[k] =
          new WebhookEvent(
              "bench",
              id,
              "push",
              Instant.now().toString(),
              "raw",
              Map.of(
                  "content-type",
                  "application/json",
                  "x-github-event",
                  "push",
                  "x-github-delivery",
                  id),
              JSON.readTree(Requests.body(id)));
    }
    long[] latencies = new long[count];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    Map<String, Integer> errors = new ConcurrentHashMap<>();
    long deadline = System.nanoTime() + maxMillis * 1_000_000;
    Thread[] users = new Thread[concurrency];
    double cpuStart = Bench.selfCpuSeconds();
    long start = System.nanoTime();
    for (int u = 0; u < concurrency; u++) {
      users[u] =
          new Thread(
              () -> {
                int i;
                while ((i = next.getAndIncrement()) < count && System.nanoTime() < deadline) {
                  WebhookEvent event = events[i];
                  long t0 = System.nanoTime();
                  try {
                    try {
                      client
                          .newUntypedWorkflowStub(EventLogWorkflow.TYPE, options(taskQueue, event))
                          .start(event);
                    } catch (WorkflowExecutionAlreadyStarted duplicate) {
                      // a redelivery: same outcome the hub reports as "duplicate"
                    }
                    latencies[i] = System.nanoTime() - t0;
                    ok.incrementAndGet();
                  } catch (RuntimeException e) {
                    errors.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                  }
                }
              },
              "raw-" + u);
      users[u].start();
    }
    for (Thread user : users) {
      user.join();
    }
    double clientCpu = Bench.selfCpuSeconds() - cpuStart;
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] successful = java.util.Arrays.stream(latencies).filter(l -> l > 0).toArray();
    Stats stats = new Stats("raw", concurrency, successful, ok.get(), errors, seconds);
    stats.clientCpuSeconds = clientCpu;
    return stats;
  }

  static WorkflowOptions options(String taskQueue, WebhookEvent event) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId("raw-" + event.eventId())
        .setTaskQueue(taskQueue)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(SearchAttributeKey.forKeyword(SearchAttributeNames.SOURCE), event.source())
                .set(SearchAttributeKey.forKeyword(SearchAttributeNames.EVENT_TYPE), event.type())
                .set(SearchAttributeKey.forKeyword(SearchAttributeNames.EVENT_ID), event.eventId())
                .set(SearchAttributeKey.forKeyword(SearchAttributeNames.DELIVERY), "started")
                .build())
        .setMemo(
            Map.of(
                "route",
                "raw",
                "source",
                event.source(),
                "eventId",
                event.eventId(),
                "delivery",
                "started"))
        .setStaticSummary(event.source() + " " + event.type() + " " + event.eventId())
        .setStaticDetails("**Received** " + event.receivedAt() + "  \n**Route** raw  \n")
        .build();
  }
}
