package dev.hookflow.hub.inbound.route;

import java.util.regex.Pattern;

/** A glob over event types and values: {@code *} matches any run of characters, even dots. */
public final class Glob {
  private final String text;
  private final Pattern pattern;

  private Glob(String text) {
    this.text = text;
    StringBuilder regex = new StringBuilder();
    for (String literal : text.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(literal));
    }
    this.pattern = Pattern.compile(regex.toString().replace("\\Q\\E", ""), Pattern.DOTALL);
  }

  public static Glob of(String text) {
    return new Glob(text);
  }

  public boolean matches(String value) {
    return value != null && pattern.matcher(value).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
