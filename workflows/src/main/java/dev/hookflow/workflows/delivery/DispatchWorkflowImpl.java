package dev.hookflow.workflows.delivery;

import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** See {@link DispatchWorkflow}. */
public class DispatchWorkflowImpl implements DispatchWorkflow {
  /** Endpoints per fan-out step. */
  static final int PAGE = 200;

  /** Fan-out steps per run before continue-as-new (about 6 history events each). */
  static final int PAGES_PER_RUN = 20;

  /**
   * The fan-out runs as a local activity: in the worker's workflow task, recorded as one marker, so
   * a message to a few endpoints is dispatched in the single (eagerly started) workflow task.
   */
  private final DispatchActivities activities =
      Workflow.newLocalActivityStub(
          DispatchActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(2))
              .setScheduleToCloseTimeout(Duration.ofDays(1))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setMaximumInterval(Duration.ofMinutes(1))
                      .build())
              .build());

  @Override
  public int dispatch(DispatchInput input) {
    String after = input.afterEndpointId();
    int started = input.started();
    for (int page = 0; page < PAGES_PER_RUN; page++) {
      DispatchPage done = activities.fanOut(input.appId(), input.msgId(), after, PAGE);
      started += done.started();
      Workflow.setCurrentDetails("Deliveries started: " + started);
      if (done.lastEndpointId() == null) {
        return started;
      }
      after = done.lastEndpointId();
    }
    Workflow.continueAsNew(new DispatchInput(input.appId(), input.msgId(), after, started));
    return started;
  }
}
