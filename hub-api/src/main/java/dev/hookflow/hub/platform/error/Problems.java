package dev.hookflow.hub.platform.error;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;

/** The one place that turns an error into an HTTP response. */
public final class Problems {
  private Problems() {}

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
