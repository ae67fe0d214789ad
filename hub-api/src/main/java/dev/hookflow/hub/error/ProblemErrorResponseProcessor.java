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
  private static final String WEBHOOKS = "/webhooks/";

  private final dev.hookflow.hub.intake.RefusalLog refusals;
  private final long maxRequestSize;

  public ProblemErrorResponseProcessor(
      dev.hookflow.hub.intake.RefusalLog refusals,
      @io.micronaut.context.annotation.Value("${micronaut.server.max-request-size:16MB}")
          @io.micronaut.core.convert.format.ReadableBytes
          long maxRequestSize) {
    this.refusals = refusals;
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
    String path = errorContext.getRequest().getPath();
    if (path.startsWith(WEBHOOKS)) {
      // Refused before the intake controller ran (size cap, no such method): log it as it would.
      String source = path.substring(WEBHOOKS.length()).replaceAll("/.*", "");
      refusals.refused(
          source,
          false,
          code,
          dev.hookflow.hub.intake.WebhookController.clientAddress(errorContext.getRequest()),
          null);
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
