package dev.hookflow.hub.outbound.api;

import dev.hookflow.hub.platform.health.Readiness;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code /api/v1/health} (no token needed): 204 when Temporal and the database answer, else 503
 * naming the part that is down; {@code /ping}: 204 while the process serves.
 */
@Controller("/api/v1/health")
public class ApiHealthController {
  private final Readiness readiness;

  public ApiHealthController(Readiness readiness) {
    this.readiness = readiness;
  }

  @Get
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<?> health() {
    var check = readiness.check();
    return Readiness.up(check)
        ? HttpResponse.noContent()
        : HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(check);
  }

  @Get("/ping")
  public HttpResponse<?> ping() {
    return HttpResponse.noContent();
  }
}
