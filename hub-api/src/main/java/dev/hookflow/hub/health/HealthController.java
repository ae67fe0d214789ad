package dev.hookflow.hub.health;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code GET /health}: UP (200) only when Temporal answers within two seconds, else 503. */
@Controller("/health")
public class HealthController {
  private final WorkflowServiceStubs stubs;

  public HealthController(WorkflowServiceStubs stubs) {
    this.stubs = stubs;
  }

  @Get
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<Map<String, String>> health() {
    try {
      stubs
          .blockingStub()
          .withDeadlineAfter(2, TimeUnit.SECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return HttpResponse.ok(Map.of("status", "UP", "temporal", "UP"));
    } catch (RuntimeException e) {
      return HttpResponse.<Map<String, String>>status(HttpStatus.SERVICE_UNAVAILABLE)
          .body(Map.of("status", "DOWN", "temporal", "DOWN"));
    }
  }
}
