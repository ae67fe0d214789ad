package dev.hookflow.activities.http;

import dev.hookflow.workflows.policy.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.TreeSet;

/** The configured downstreams by name. */
public final class Downstreams {
  private final Map<String, Downstream> byName;

  public Downstreams(Map<String, Downstream> byName) {
    this.byName = Map.copyOf(byName);
  }

  /**
   * @throws ApplicationFailure retryable {@code DownstreamNotConfigured} when the hub has no URL
   *     for it: the activity keeps retrying, so setting the URL lets the workflow go on
   */
  public Downstream get(String name) {
    Downstream downstream = byName.get(name);
    if (downstream == null) {
      throw ApplicationFailure.newFailure(
          "Downstream '"
              + name
              + "' has no URL; set hookflow.downstreams."
              + name
              + ".url (HOOKFLOW_DOWNSTREAMS_"
              + name.toUpperCase().replace('-', '_')
              + "_URL). Configured: "
              + new TreeSet<>(byName.keySet()),
          FailureTypes.DOWNSTREAM_NOT_CONFIGURED);
    }
    return downstream;
  }
}
