package dev.hookflow.hub.platform.health;

import dev.hookflow.hub.platform.config.TemporalConfig;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /health}: UP (200) only when Temporal answers within two seconds for the hub's
 * namespace, with the hub's credentials, else 503: what every webhook needs.
 */
@Controller("/health")
public class HealthController {
  private final WorkflowServiceStubs stubs;
  private final DescribeNamespaceRequest namespace;

  public HealthController(WorkflowServiceStubs stubs, TemporalConfig temporal) {
    this.stubs = stubs;
    this.namespace =
        DescribeNamespaceRequest.newBuilder().setNamespace(temporal.getNamespace()).build();
  }

  @Get
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<Map<String, String>> health() {
    try {
      stubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS).describeNamespace(namespace);
      return HttpResponse.ok(Map.of("status", "UP", "temporal", "UP"));
    } catch (RuntimeException e) {
      return HttpResponse.<Map<String, String>>status(HttpStatus.SERVICE_UNAVAILABLE)
          .body(Map.of("status", "DOWN", "temporal", "DOWN"));
    }
  }
}
