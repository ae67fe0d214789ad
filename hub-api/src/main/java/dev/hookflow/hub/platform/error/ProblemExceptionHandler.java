package dev.hookflow.hub.platform.error;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a {@link ProblemException} with its problem document. */
@Produces
@Singleton
@Requires(classes = {ProblemException.class, ExceptionHandler.class})
public class ProblemExceptionHandler
    implements ExceptionHandler<ProblemException, HttpResponse<?>> {

  @Override
  public HttpResponse<?> handle(HttpRequest request, ProblemException exception) {
    return Problems.response(request.getPath(), exception);
  }
}
