package dev.hookflow.hub.inbound.verify;

import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code application/x-www-form-urlencoded} name/value pairs, decoded, in order. */
final class FormUrlEncoded {
  private FormUrlEncoded() {}

  static List<Map.Entry<String, String>> parse(byte[] body) {
    return parse(new String(body, StandardCharsets.UTF_8));
  }

  static List<Map.Entry<String, String>> parse(String text) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.add(new SimpleEntry<>(decode(name), decode(value)));
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(ProblemCode.MALFORMED_BODY, "The form body has a bad %-escape");
    }
  }
}
