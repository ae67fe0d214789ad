package dev.hookflow.hub.inbound.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one value from a request. Syntax: alternatives separated by {@code |}, the first that
 * yields a value wins; each alternative is one or more terms joined by {@code +} (their values
 * joined with {@code -}, all must be present). A term is {@code header:Name}, a JSON pointer {@code
 * /data/object/id} (form bodies are objects of their fields), {@code const:text}, or an event field
 * {@code source}, {@code eventId}, {@code type}.
 *
 * <p>Examples: {@code header:X-GitHub-Delivery}; {@code /event_id |
 * header:X-Slack-Request-Timestamp + /trigger_id}.
 */
public final class ValueExpression {

  private final String text;
  private final List<List<Term>> alternatives;

  private ValueExpression(String text, List<List<Term>> alternatives) {
    this.text = text;
    this.alternatives = alternatives;
  }

  /**
   * @throws IllegalArgumentException when a term is not of a known form
   */
  public static ValueExpression parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty expression");
    }
    List<List<Term>> alternatives = new ArrayList<>();
    for (String alternative : text.split("\\|")) {
      List<Term> terms = new ArrayList<>();
      for (String term : alternative.split("\\+")) {
        terms.add(Term.parse(term.trim()));
      }
      alternatives.add(List.copyOf(terms));
    }
    return new ValueExpression(text, List.copyOf(alternatives));
  }

  /** The value, or null when no alternative is fully present. */
  public String evaluate(RequestValues values) {
    for (List<Term> terms : alternatives) {
      StringBuilder out = new StringBuilder();
      boolean complete = true;
      for (Term term : terms) {
        String value = term.read(values);
        if (value == null || value.isEmpty()) {
          complete = false;
          break;
        }
        if (out.length() > 0) {
          out.append('-');
        }
        out.append(value);
      }
      if (complete) {
        return out.toString();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return text;
  }

  /** One term of an expression; also used by workflow-id templates. */
  public record Term(Kind kind, String argument) {
    public enum Kind {
      HEADER,
      POINTER,
      CONSTANT,
      FIELD
    }

    private static final List<String> FIELDS = List.of("source", "eventId", "type");

    public static Term parse(String term) {
      if (term.startsWith("header:") && term.length() > 7) {
        return new Term(Kind.HEADER, term.substring(7).trim());
      }
      if (term.startsWith("/")) {
        return new Term(Kind.POINTER, term);
      }
      if (term.startsWith("const:")) {
        return new Term(Kind.CONSTANT, term.substring(6));
      }
      if (FIELDS.contains(term)) {
        return new Term(Kind.FIELD, term);
      }
      throw new IllegalArgumentException(
          "'"
              + term
              + "' is not header:<name>, a JSON pointer /..., const:<text> or one of "
              + FIELDS);
    }

    /** The configuration form, for example {@code header:X-GitHub-Event}. */
    @Override
    public String toString() {
      return switch (kind) {
        case HEADER -> "header:" + argument;
        case CONSTANT -> "const:" + argument;
        case POINTER, FIELD -> argument;
      };
    }

    public String read(RequestValues values) {
      return switch (kind) {
        case HEADER -> values.headers().apply(argument);
        case POINTER -> values.pointer(argument);
        case CONSTANT -> argument;
        case FIELD -> values.fields() == null ? null : values.fields().apply(argument);
      };
    }
  }
}
