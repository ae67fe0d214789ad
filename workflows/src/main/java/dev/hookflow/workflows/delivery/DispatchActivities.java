package dev.hookflow.workflows.delivery;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The fan-out of a message to its endpoints, one page per call (a local activity). */
@ActivityInterface
public interface DispatchActivities {
  /**
   * Starts the delivery workflow of every enabled, matching endpoint after {@code afterEndpointId}
   * (up to {@code pageSize} of them). Idempotent: a delivery already started is left alone.
   */
  @ActivityMethod(name = "FanOut")
  DispatchPage fanOut(String appId, String msgId, String afterEndpointId, int pageSize);
}
