package dev.hookflow.hub.events;

import dev.hookflow.hub.error.ProblemCode;
import dev.hookflow.hub.error.ProblemException;
import dev.hookflow.hub.route.Delivery;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.List;
import java.util.Locale;

/** {@code GET /events/{source}/{eventId}}: an event's deliveries with their workflows' status. */
@Controller("/events")
public class EventsController {

  /** One delivery and the current status of its workflow run in Temporal. */
  public record DeliveryStatus(
      String route, String workflowId, String runId, Delivery.Outcome outcome, String status) {}

  public record EventView(
      String source, String eventId, String type, List<DeliveryStatus> deliveries) {}

  private final EventIndex index;
  private final WorkflowServiceStubs stubs;
  private final String namespace;

  public EventsController(EventIndex index, WorkflowServiceStubs stubs, WorkflowClient client) {
    this.index = index;
    this.stubs = stubs;
    this.namespace = client.getOptions().getNamespace();
  }

  @Get("/{source}/{eventId}")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public EventView event(@PathVariable String source, @PathVariable String eventId) {
    EventRecord record =
        index
            .find(source, eventId)
            .orElseThrow(
                () ->
                    new ProblemException(
                        ProblemCode.EVENT_NOT_FOUND,
                        "No event " + eventId + " from source " + source + " is known"));
    List<DeliveryStatus> deliveries =
        record.deliveries().stream()
            .map(
                d ->
                    new DeliveryStatus(
                        d.route(), d.workflowId(), d.runId(), d.outcome(), status(d)))
            .toList();
    return new EventView(record.source(), record.eventId(), record.type(), deliveries);
  }

  private String status(Delivery delivery) {
    WorkflowExecution.Builder execution =
        WorkflowExecution.newBuilder().setWorkflowId(delivery.workflowId());
    if (delivery.runId() != null) {
      execution.setRunId(delivery.runId());
    }
    try {
      WorkflowExecutionStatus status =
          stubs
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(namespace)
                      .setExecution(execution)
                      .build())
              .getWorkflowExecutionInfo()
              .getStatus();
      return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(Locale.ROOT);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return "not_found";
      }
      throw new ProblemException(ProblemCode.TEMPORAL_UNAVAILABLE, "Temporal did not answer", 5, e);
    }
  }
}
