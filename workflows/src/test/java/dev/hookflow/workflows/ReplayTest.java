package dev.hookflow.workflows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookflow.workflows.policy.PolicyOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every recorded history (src/test/resources/histories) against today's code: a change that
 * breaks determinism for running workflows fails here. Re-record with {@code ./mvnw -pl workflows
 * test -Dtest=RecordHistories -Dhookflow.record=true}.
 */
class ReplayTest {
  static final Path HISTORIES = Path.of("src/test/resources/histories");

  private static TestWorkflowEnvironment env;
  private static Worker worker;

  @BeforeAll
  static void worker() {
    env = TestWorkflowEnvironment.newInstance();
    worker = env.newWorker("replay");
    worker.registerWorkflowImplementationTypes(
        PolicyOptions.defaults(), ShippedWorkflows.implementations());
  }

  @AfterAll
  static void close() {
    env.close();
  }

  static Stream<String> histories() throws Exception {
    try (Stream<Path> files = Files.list(HISTORIES)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @Test
  void shouldHaveAHistoryForEveryShippedWorkflow() throws Exception {
    List<String> files = histories().toList();
    for (String prefix : List.of("eventlog", "eventinbox", "order-", "ci-", "relay-")) {
      assertTrue(
          files.stream().anyMatch(f -> f.startsWith(prefix)), "no recorded history " + prefix);
    }
  }

  @ParameterizedTest
  @MethodSource("histories")
  void shouldReplayRecordedHistory(String file) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + file, worker);
  }
}
