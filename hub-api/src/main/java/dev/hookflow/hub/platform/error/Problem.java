package dev.hookflow.hub.platform.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/** RFC 9457 problem details with Hookflow's stable {@code code}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String code, String detail) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(ProblemCode code, String detail) {
    return new Problem(
        "https://hookflow.dev/problems/" + code.code(),
        code.title(),
        code.status().getCode(),
        code.code(),
        detail);
  }
}
