package dev.hookflow.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hookflow.hub.testing.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The alert rules in {@code observability/prometheus} parse ({@code promtool check rules}) and fire
 * as their unit tests say, on synthetic series ({@code promtool test rules}).
 */
class ObservabilityRulesTest {
  static final Path RULES = Path.of("..", "observability", "prometheus").toAbsolutePath();
  static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  static String promtool(String... arguments) throws Exception {
    Prerequisites.require(
        Files.isExecutable(PROMTOOL), Prerequisites.PROMETHEUS, "No promtool at " + PROMTOOL);
    String[] command = new String[arguments.length + 1];
    command[0] = PROMTOOL.toString();
    System.arraycopy(arguments, 0, command, 1, arguments.length);
    Process process =
        new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("promtool did not finish: " + output);
    }
    assertEquals(0, process.exitValue(), output);
    return output;
  }

  @Test
  void shouldParseTheAlertRules() throws Exception {
    promtool("check", "rules", "alerts.yml");
  }

  @Test
  void shouldFireTheAlertsAsTheirUnitTestsSay() throws Exception {
    promtool("test", "rules", "alerts.test.yml");
  }
}
