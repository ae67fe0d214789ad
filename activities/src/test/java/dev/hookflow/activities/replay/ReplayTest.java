package dev.hookflow.activities.replay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookflow.activities.Integrations;
import dev.hookflow.workflows.policy.PolicyOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every recorded history (src/test/resources/histories) against today's code: a change that
 * breaks determinism for running workflows fails here. Re-record with {@code ./hub
 * record-histories}.
 */
class ReplayTest {
  static final Path HISTORIES = Path.of("src/test/resources/histories");
  static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static TestWorkflowEnvironment env;
  private static Worker worker;

  @BeforeAll
  static void worker() {
    env = TestWorkflowEnvironment.newInstance();
    worker = env.newWorker("replay");
    worker.registerWorkflowImplementationTypes(
        PolicyOptions.defaults(), Integrations.workflowImplementations());
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
  void shouldHaveAHistoryForEveryShippedWorkflowType() throws Exception {
    java.util.Set<String> recorded = new java.util.TreeSet<>();
    for (String file : histories().toList()) {
      recorded.add(
          JSON.readTree(HISTORIES.resolve(file).toFile())
              .at("/events/0/workflowExecutionStartedEventAttributes/workflowType/name")
              .asText());
    }
    for (Class<?> implementation : Integrations.workflowImplementations()) {
      String type = workflowType(implementation);
      assertTrue(
          recorded.contains(type),
          "no recorded history starts a "
              + type
              + " workflow; record one (./hub record-histories) under "
              + HISTORIES);
    }
  }

  /** The workflow type an implementation registers: its interface's workflow method name. */
  static String workflowType(Class<?> implementation) {
    for (Class<?> type : implementation.getInterfaces()) {
      if (!type.isAnnotationPresent(io.temporal.workflow.WorkflowInterface.class)) {
        continue;
      }
      for (java.lang.reflect.Method method : type.getMethods()) {
        io.temporal.workflow.WorkflowMethod annotation =
            method.getAnnotation(io.temporal.workflow.WorkflowMethod.class);
        if (annotation != null) {
          return annotation.name().isEmpty() ? type.getSimpleName() : annotation.name();
        }
      }
    }
    throw new IllegalStateException(implementation + " implements no workflow interface");
  }

  /**
   * The workflow ids of histories whose commands depend on them (a relay names its child deliveries
   * after itself); others replay under the replayer's placeholder id.
   */
  static final java.util.Map<String, String> WORKFLOW_IDS =
      java.util.Map.of(
          "relay-dead-letter-v1.json", "relay-1",
          "relay-delivered-v1.json", "relay-2",
          "relay-replayed-v1.json", "relay-3");

  @ParameterizedTest
  @MethodSource("histories")
  void shouldReplayRecordedHistory(String file) throws Exception {
    String workflowId = WORKFLOW_IDS.get(file);
    if (workflowId == null) {
      WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + file, worker);
      return;
    }
    String json =
        new String(
            java.util.Objects.requireNonNull(
                    ReplayTest.class.getClassLoader().getResourceAsStream("histories/" + file))
                .readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    WorkflowReplayer.replayWorkflowExecution(
        io.temporal.common.WorkflowExecutionHistory.fromJson(json, workflowId), worker);
  }
}
