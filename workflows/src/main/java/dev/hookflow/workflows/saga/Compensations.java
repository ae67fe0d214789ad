package dev.hookflow.workflows.saga;

import dev.hookflow.workflows.policy.FailureTypes;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The undo steps of a saga. Each completed step registers its undo; {@link #compensate} runs them
 * newest first, in a detached cancellation scope so that cancelling the workflow's steps does not
 * cancel their undoing. An undo that still fails after its policy's retries is reported and the
 * rest run anyway.
 */
public final class Compensations {
  private static final Logger LOG = Workflow.getLogger(Compensations.class);

  private record Undo(String name, Functions.Proc action) {}

  /**
   * What compensating did.
   *
   * @param done the undos that succeeded, in the order they ran
   * @param failed the undos that failed for good, each with the reason
   */
  public record Outcome(List<String> done, List<String> failed) {
    public String describe() {
      String text = done.isEmpty() ? "nothing to undo" : "undone: " + String.join(", ", done);
      return failed.isEmpty() ? text : text + "; undo FAILED: " + String.join(", ", failed);
    }
  }

  private final Deque<Undo> undos = new ArrayDeque<>();

  /**
   * Registers the undo of a step. Register it before the step runs: a step whose effect happened
   * downstream but whose answer was lost must be undone too.
   */
  public void add(String name, Functions.Proc undo) {
    undos.push(new Undo(name, undo));
  }

  /**
   * Drops the registered undo named {@code name}: its step is known not to have happened (the
   * downstream answered and refused), so there is nothing to undo.
   */
  public void discard(String name) {
    undos.removeIf(undo -> undo.name().equals(name));
  }

  /** Runs every registered undo, newest first, except those named in {@code skip}. */
  public Outcome compensate(Set<String> skip) {
    List<String> done = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    Workflow.newDetachedCancellationScope(
            () -> {
              while (!undos.isEmpty()) {
                Undo undo = undos.pop();
                if (skip.contains(undo.name())) {
                  continue;
                }
                Workflow.setCurrentDetails("Compensating: " + undo.name());
                try {
                  undo.action().apply();
                  done.add(undo.name());
                  count(undo.name(), "done");
                } catch (ActivityFailure e) {
                  count(undo.name(), "failed");
                  LOG.warn("Compensation {} failed for good", undo.name(), e);
                  failed.add(undo.name() + " (" + FailureTypes.reasonOf(e) + ")");
                }
              }
            })
        .run();
    return new Outcome(done, failed);
  }

  /**
   * {@code hookflow_compensations_total{undo,outcome}} through the SDK's metrics scope (not emitted
   * again when a workflow replays). Undo names come from code, so the label is bounded.
   */
  private static void count(String undo, String outcome) {
    Workflow.getMetricsScope()
        .tagged(java.util.Map.of("undo", undo, "outcome", outcome))
        .counter("hookflow_compensations")
        .inc(1);
  }
}
