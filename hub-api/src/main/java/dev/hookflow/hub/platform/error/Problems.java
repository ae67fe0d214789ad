package dev.hookflow.hub.platform.error;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;

/** The one place that turns an error into an HTTP response. */
public final class Problems {
  private Problems() {}

  /** The management API compatible with Svix: errors take its shapes there. */
  public static final String API_PREFIX = "/api/v1";

  /** Whether answers to this request path take the Svix API's error shapes. */
  public static boolean svixShaped(String path) {
    return path != null && (path.equals(API_PREFIX) || path.startsWith(API_PREFIX + "/"));
  }

  /**
   * The Svix API's error body: {@code {code, detail}}, and for a 422 with invalid fields {@code
   * detail} as the list of {@code {loc, msg, type}} (plus Hookflow's {@code code}).
   */
  public static java.util.Map<String, Object> svixBody(
      ProblemCode code, String detail, java.util.List<ProblemException.ValidationError> errors) {
    java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("code", code.code());
    body.put(
        "detail",
        errors == null || errors.isEmpty() ? (detail == null ? code.title() : detail) : errors);
    return body;
  }

  /** The answer to {@code e} for a request to {@code path}. */
  public static MutableHttpResponse<?> response(String path, ProblemException e) {
    if (!svixShaped(path)) {
      return response(e);
    }
    MutableHttpResponse<Object> response =
        HttpResponse.status(e.code().status())
            .contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE)
            .body(svixBody(e.code(), e.getMessage(), e.errors()));
    if (e.retryAfterSeconds() != null) {
      response.header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()));
    }
    return response;
  }

  public static MutableHttpResponse<Problem> response(ProblemException e) {
    MutableHttpResponse<Problem> response = response(e.code(), e.getMessage());
    if (e.retryAfterSeconds() != null) {
      response.header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()));
    }
    return response;
  }

  public static MutableHttpResponse<Problem> response(ProblemCode code, String detail) {
    return HttpResponse.<Problem>status(code.status())
        .contentType(Problem.MEDIA_TYPE)
        .body(Problem.of(code, detail));
  }
}
