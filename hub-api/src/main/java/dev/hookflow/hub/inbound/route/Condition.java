package dev.hookflow.hub.inbound.route;

import dev.hookflow.hub.inbound.expression.RequestValues;
import dev.hookflow.hub.inbound.expression.ValueExpression;

/**
 * A payload condition: {@code <term> == <glob>} or {@code <term> != <glob>}, where the term is any
 * {@link ValueExpression} term ({@code /ref == refs/heads/main}). A missing value never equals.
 */
public record Condition(ValueExpression.Term term, boolean negated, Glob glob) {

  public static Condition parse(String text) {
    int at = text.indexOf("==");
    boolean negated = false;
    if (at < 0) {
      at = text.indexOf("!=");
      negated = true;
    }
    if (at < 0) {
      throw new IllegalArgumentException(
          "condition '" + text + "' must read '<term> == <glob>' or '<term> != <glob>'");
    }
    return new Condition(
        ValueExpression.Term.parse(text.substring(0, at).trim()),
        negated,
        Glob.of(text.substring(at + 2).trim()));
  }

  @Override
  public String toString() {
    return term + (negated ? " != " : " == ") + glob;
  }

  public boolean test(RequestValues values) {
    return glob.matches(term.read(values)) != negated;
  }
}
