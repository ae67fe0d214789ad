package dev.hookflow.hub.platform.error;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Clients match on the codes, so each one the hub can answer is documented in the README. */
class ProblemCodeTest {
  @Test
  void shouldDocumentEveryCodeInTheReadme() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    List<String> missing =
        Arrays.stream(ProblemCode.values())
            .map(ProblemCode::code)
            .filter(code -> !Pattern.compile("\\b" + code + "\\b").matcher(readme).find())
            .toList();
    assertTrue(missing.isEmpty(), "codes the README does not name: " + missing);
  }
}
