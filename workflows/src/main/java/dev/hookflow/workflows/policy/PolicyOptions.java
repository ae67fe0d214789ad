package dev.hookflow.workflows.policy;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns named policies and activity bindings into the options a worker registers workflows with:
 * each bound activity type gets its policy's options, any other activity type the default policy's,
 * whether a workflow runs it as an activity or as a local activity.
 */
public final class PolicyOptions {
  private PolicyOptions() {}

  /** The shipped policies and bindings ({@link Policies}). */
  public static WorkflowImplementationOptions defaults() {
    return of(Policies.DEFAULTS, Policies.BINDINGS, Policies.DOWNSTREAM.name());
  }

  /**
   * @param policies policies by name
   * @param bindings activity type -> policy name
   * @param defaultPolicy the policy of activity types without a binding
   * @throws IllegalArgumentException when a binding or the default names an unknown policy
   */
  public static WorkflowImplementationOptions of(
      Map<String, Policy> policies, Map<String, String> bindings, String defaultPolicy) {
    Map<String, ActivityOptions> perType = new HashMap<>();
    Map<String, LocalActivityOptions> localPerType = new HashMap<>();
    bindings.forEach(
        (activityType, policyName) -> {
          Policy policy = lookup(policies, policyName, activityType);
          perType.put(activityType, policy.activityOptions());
          localPerType.put(activityType, policy.localActivityOptions());
        });
    Policy fallback = lookup(policies, defaultPolicy, "the default");
    return WorkflowImplementationOptions.newBuilder()
        .setActivityOptions(perType)
        .setDefaultActivityOptions(fallback.activityOptions())
        .setLocalActivityOptions(localPerType)
        .setDefaultLocalActivityOptions(fallback.localActivityOptions())
        .build();
  }

  private static Policy lookup(Map<String, Policy> policies, String name, String user) {
    Policy policy = policies.get(name);
    if (policy == null) {
      throw new IllegalArgumentException(
          "Activity "
              + user
              + " is bound to policy '"
              + name
              + "', which is not defined; defined: "
              + new java.util.TreeSet<>(policies.keySet()));
    }
    return policy;
  }
}
