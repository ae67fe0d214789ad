package dev.hookflow.hub.platform.error;

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
  private final java.util.List<RefusalListener> listeners;
  private final long maxRequestSize;

  public ProblemErrorResponseProcessor(
      java.util.List<RefusalListener> listeners,
      @io.micronaut.context.annotation.Value("${micronaut.server.max-request-size:16MB}")
          @io.micronaut.core.convert.format.ReadableBytes
          long maxRequestSize) {
    this.listeners = listeners;
    this.maxRequestSize = maxRequestSize;
  }

  @Override
  public MutableHttpResponse<Problem> processResponse(
      ErrorContext errorContext, MutableHttpResponse<?> response) {
    HttpStatus status = response.getStatus();
    ProblemCode code = ProblemCode.forStatus(status);
    String detail =
        switch (code) {
          case PAYLOAD_TOO_LARGE ->
              "The body is larger than the hub's server accepts ("
                  + (maxRequestSize % (1024 * 1024) == 0
                      ? maxRequestSize / (1024 * 1024) + " MiB"
                      : maxRequestSize + " bytes")
                  + ", micronaut.server.max-request-size); nothing was started";
          case INTERNAL_ERROR -> null;
          default -> status.getCode() >= 500 ? null : firstMessage(errorContext);
        };
    listeners.forEach(listener -> listener.refusedByServer(errorContext.getRequest(), code));
    if (Problems.svixShaped(errorContext.getRequest().getPath())) {
      @SuppressWarnings({"unchecked", "rawtypes"})
      MutableHttpResponse<Problem> svix =
          (MutableHttpResponse)
              response
                  .contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE)
                  .body(Problems.svixBody(code, detail, null));
      return svix;
    }
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
