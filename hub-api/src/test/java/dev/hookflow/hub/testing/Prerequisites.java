package dev.hookflow.hub.testing;

import java.util.Locale;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (the Temporal CLI, Chromium). Missing, the test fails naming
 * it: {@code ./hub test} installs both. Skipping is an explicit choice, {@code ./hub test
 * --skip-real-server} or {@code --skip-browser} (environment {@code HOOKFLOW_SKIP_REAL_SERVER=1},
 * {@code HOOKFLOW_SKIP_BROWSER=1}), and the test is then reported skipped with the reason.
 */
public final class Prerequisites {
  /** Tests against the Temporal CLI dev server. */
  public static final String REAL_SERVER = "real-server";

  /** The Web UI test in headless Chromium. */
  public static final String BROWSER = "browser";

  /** Tests that run Prometheus's own tools (promtool). */
  public static final String PROMETHEUS = "prometheus";

  private Prerequisites() {}

  /**
   * Passes when {@code present}; otherwise skips the test if {@code kind} was opted out of, and
   * fails naming what is missing if it was not.
   */
  public static void require(boolean present, String kind, String missing) {
    if (present) {
      return;
    }
    if (optedOut(kind)) {
      Assumptions.abort("--skip-" + kind + " given: " + missing);
    }
    Assertions.fail(
        missing
            + ". ./hub test installs it; to run without these tests say so: ./hub test --skip-"
            + kind);
  }

  static boolean optedOut(String kind) {
    String variable = "HOOKFLOW_SKIP_" + kind.toUpperCase(Locale.ROOT).replace('-', '_');
    String value = System.getenv(variable);
    if (value == null) {
      value = System.getProperty("hookflow.skip." + kind);
    }
    return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
  }
}
