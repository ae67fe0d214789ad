package dev.hookflow.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of the harness whose mistakes would silently skew a figure. */
class HarnessTest {

  @Test
  void shouldSumOnlyTheNamedMetricAndTheMatchingLabels() {
    String text =
        """
        # TYPE persistence_requests counter
        persistence_requests{operation="CreateWorkflowExecution",service_name="history"} 10
        persistence_requests{operation="GetWorkflowExecution",service_name="history"} 7
        persistence_requests_total{operation="CreateWorkflowExecution"} 1000
        persistence_requests{operation="UpdateWorkflowExecution",service_name="history"} 2.5e1
        temporal_workflow_completed_total{namespace="default"} 3
        """;
    assertEquals(42, PromText.sum(text, "persistence_requests", labels -> true));
    assertEquals(
        35, PromText.sum(text, "persistence_requests", labels -> !labels.contains("\"Get")));
    assertEquals(3, PromText.sum(text, "temporal_workflow_completed_total", labels -> true));
  }

  @Test
  void shouldCountEveryTwentiethRequestAsARedeliveryFromTheTwentiethOn() {
    assertEquals(19, SystemPhase.unique(19));
    assertEquals(19, SystemPhase.unique(20));
    assertEquals(950, SystemPhase.unique(1000));
  }

  @Test
  void shouldCollectEachLoggedEventOfThePhaseOnce(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("hub.log");
    Files.writeString(log, "10:00:00.000 INFO  events       event github/p1-0 type=push\n");
    EventLogTail tail = new EventLogTail(log);
    Set<String> seen = new java.util.HashSet<>();
    Files.writeString(
        log,
        "10:00:00.000 INFO  events       event github/p1-0 type=push\n"
            + "10:00:01.000 INFO  events       event github/p1-1 type=push route=fallback\n"
            + "10:00:01.000 INFO  events       event github/p1-1 type=push route=fallback\n"
            + "10:00:01.000 INFO  events       event bench/p1raw-2 type=push route=raw\n"
            + "10:00:02.000 INFO  events       event standard/p1-3 ty",
        java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
    tail.read("/p1-", seen);
    assertEquals(Set.of("github/p1-1"), seen);
    Files.writeString(log, "pe=x\n", java.nio.file.StandardOpenOption.APPEND);
    tail.read("/p1-", seen);
    assertEquals(Set.of("github/p1-1", "standard/p1-3"), seen);
  }
}
