package dev.hookflow.hub.platform.health;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;

/**
 * Health for load balancers and orchestrators.
 *
 * <ul>
 *   <li>{@code GET /health} and {@code GET /health/ready} (readiness): 200 UP only when Temporal
 *       answers for the hub's namespace and the database answers, each within two seconds, else 503
 *       naming the part that is down: send traffic here only when it is UP.
 *   <li>{@code GET /health/live} (liveness): 200 while the process serves HTTP, whatever Temporal
 *       and the database do: restart the hub only when this fails.
 * </ul>
 */
@Controller("/health")
public class HealthController {
  private final Readiness readiness;

  public HealthController(Readiness readiness) {
    this.readiness = readiness;
  }

  @Get
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<Map<String, String>> health() {
    Map<String, String> check = readiness.check();
    return Readiness.up(check)
        ? HttpResponse.ok(check)
        : HttpResponse.<Map<String, String>>status(HttpStatus.SERVICE_UNAVAILABLE).body(check);
  }

  @Get("/ready")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<Map<String, String>> ready() {
    return health();
  }

  @Get("/live")
  public HttpResponse<Map<String, String>> live() {
    return HttpResponse.ok(Map.of("status", "UP"));
  }
}
