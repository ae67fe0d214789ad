package dev.hookflow.hub.inbound.route;

import dev.hookflow.hub.inbound.expression.RequestValues;
import dev.hookflow.hub.inbound.expression.ValueExpression;
import java.util.ArrayList;
import java.util.List;

/**
 * A workflow id built from the event: literal text with {@code {...}} placeholders holding any
 * {@link ValueExpression} ({@code {/data/object/metadata/order_id}}, {@code
 * {header:X-GitHub-Delivery}}, {@code {source}}, {@code {eventId}}, {@code {type}}).
 */
public final class WorkflowIdTemplate {
  private final String text;
  private final List<Object> parts;

  private WorkflowIdTemplate(String text, List<Object> parts) {
    this.text = text;
    this.parts = parts;
  }

  /**
   * @throws IllegalArgumentException on an unclosed brace or an unknown placeholder
   */
  public static WorkflowIdTemplate parse(String text) {
    List<Object> parts = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf('{', i);
      if (open < 0) {
        parts.add(text.substring(i));
        break;
      }
      int close = text.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException("unclosed '{' in workflow id template '" + text + "'");
      }
      if (open > i) {
        parts.add(text.substring(i, open));
      }
      parts.add(ValueExpression.parse(text.substring(open + 1, close)));
      i = close + 1;
    }
    return new WorkflowIdTemplate(text, List.copyOf(parts));
  }

  /** The id, or null when a placeholder has no value in this event. */
  public String render(RequestValues values) {
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof ValueExpression expression) {
        String value = expression.evaluate(values);
        if (value == null) {
          return null;
        }
        out.append(value);
      } else {
        out.append((String) part);
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return text;
  }
}
