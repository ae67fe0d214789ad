package dev.hookflow.hub.platform.policy;

import dev.hookflow.hub.platform.config.PolicyConfig;
import dev.hookflow.workflows.policy.ActivityNames;
import dev.hookflow.workflows.policy.Policies;
import dev.hookflow.workflows.policy.Policy;
import dev.hookflow.workflows.policy.PolicyOptions;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.type.Argument;
import io.temporal.worker.WorkflowImplementationOptions;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The named policies in force: the shipped ones ({@link Policies}) with {@code
 * hookflow.policies.<name>.*} applied, and the activity bindings ({@link Policies#BINDINGS} with
 * {@code hookflow.activity-policies.<ActivityType>: <policy>} applied). A bad value stops the hub
 * at start-up, naming the setting.
 */
@Singleton
public class PolicyRegistry {
  private final Map<String, Policy> policies;
  private final Map<String, String> bindings;

  public PolicyRegistry(Collection<PolicyConfig> configs, Environment environment) {
    Map<String, Policy> all = new HashMap<>(Policies.DEFAULTS);
    for (PolicyConfig config : configs) {
      Policy base = all.getOrDefault(config.getName(), Policies.DOWNSTREAM);
      try {
        all.put(config.getName(), merge(config, base));
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException("hookflow.policies." + e.getMessage(), e);
      }
    }
    this.policies = Map.copyOf(all);
    Map<String, String> bound = new HashMap<>(Policies.BINDINGS);
    environment
        .getProperty("hookflow.activity-policies", Argument.mapOf(String.class, String.class))
        .ifPresent(configured -> configured.forEach((k, v) -> bound.put(activityType(k), v)));
    if (bound.containsKey(ActivityNames.DELIVER)) {
      throw new ConfigurationException(
          "hookflow.activity-policies.Deliver: relay deliveries use each destination's 'policy'");
    }
    bound.forEach(
        (type, policy) -> {
          if (!policies.containsKey(policy)) {
            throw new ConfigurationException(
                "hookflow.activity-policies."
                    + type
                    + " names policy '"
                    + policy
                    + "', which is not defined; defined: "
                    + new TreeSet<>(policies.keySet()));
          }
        });
    this.bindings = Map.copyOf(bound);
  }

  /**
   * Micronaut hands map keys over in kebab-case ({@code NotifyCustomer} arrives as {@code
   * notify-customer}); this gives back the activity type: a shipped one when it matches, otherwise
   * the PascalCase form.
   */
  static String activityType(String key) {
    String flat = key.replace("-", "").toLowerCase(java.util.Locale.ROOT);
    for (String known : Policies.BINDINGS.keySet()) {
      if (known.toLowerCase(java.util.Locale.ROOT).equals(flat)) {
        return known;
      }
    }
    if (flat.equals(ActivityNames.DELIVER.toLowerCase(java.util.Locale.ROOT))) {
      return ActivityNames.DELIVER;
    }
    StringBuilder out = new StringBuilder();
    for (String part : key.split("-")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return out.toString();
  }

  static Policy merge(PolicyConfig c, Policy base) {
    return new Policy(
        c.getName(),
        or(c.getInitialInterval(), base.initialInterval()),
        c.getBackoffCoefficient() != null ? c.getBackoffCoefficient() : base.backoffCoefficient(),
        or(c.getMaximumInterval(), base.maximumInterval()),
        c.getMaximumAttempts() != null ? c.getMaximumAttempts() : base.maximumAttempts(),
        or(c.getStartToCloseTimeout(), base.startToCloseTimeout()),
        or(c.getScheduleToCloseTimeout(), base.scheduleToCloseTimeout()),
        c.getNonRetryable() != null ? c.getNonRetryable() : base.nonRetryable());
  }

  private static Duration or(Duration value, Duration fallback) {
    return value != null ? value : fallback;
  }

  /**
   * @throws ConfigurationException naming {@code setting} when no such policy exists
   */
  public Policy get(String name, String setting) {
    Policy policy = policies.get(name);
    if (policy == null) {
      throw new ConfigurationException(
          setting
              + " names policy '"
              + name
              + "', which is not defined; defined: "
              + new TreeSet<>(policies.keySet()));
    }
    return policy;
  }

  public Map<String, Policy> policies() {
    return policies;
  }

  public Map<String, String> bindings() {
    return bindings;
  }

  /** What the worker registers workflows with: each bound activity type's policy. */
  public WorkflowImplementationOptions implementationOptions() {
    return PolicyOptions.of(policies, bindings, Policies.DOWNSTREAM.name());
  }

  /**
   * The maximum interval of the policy bound to an activity type (the default policy's if none).
   */
  public Duration maximumInterval(String activityType) {
    return policies
        .get(bindings.getOrDefault(activityType, Policies.DOWNSTREAM.name()))
        .maximumInterval();
  }
}
