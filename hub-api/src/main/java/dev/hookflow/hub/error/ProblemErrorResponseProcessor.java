package dev.hookflow.hub.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Makes the framework's own errors (no such path, wrong method, body over the server limit,
 * unexpected exceptions) problem documents too, without internal messages.
 */
@Singleton
@Replaces(HateoasErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

  @Override
  public MutableHttpResponse<Problem> processResponse(
      ErrorContext errorContext, MutableHttpResponse<?> response) {
    HttpStatus status = response.getStatus();
    ProblemCode code = ProblemCode.forStatus(status);
    String detail = status.getCode() >= 500 ? null : firstMessage(errorContext);
    return response
        .contentType(Problem.MEDIA_TYPE)
        .body(
            new Problem(
                "https://hookflow.dev/problems/" + code.code(),
                code.title(),
                status.getCode(),
                code.code(),
                detail));
  }

  private static String firstMessage(ErrorContext context) {
    return context.getErrors().isEmpty() ? null : context.getErrors().get(0).getMessage();
  }
}
