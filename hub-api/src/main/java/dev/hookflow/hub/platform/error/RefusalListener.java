package dev.hookflow.hub.platform.error;

import io.micronaut.http.HttpRequest;

/**
 * Told of a request the framework refused before any controller ran (body over the server's cap, no
 * such method), so intake can log it as it logs its own refusals.
 */
public interface RefusalListener {
  void refusedByServer(HttpRequest<?> request, ProblemCode code);
}
