package dev.hookflow.hub.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;

/**
 * The gRPC status a Temporal call failed with. The SDK wraps the {@link StatusRuntimeException}
 * (for example in a {@code WorkflowServiceException}), so the cause chain is searched.
 */
public final class GrpcStatus {
  private GrpcStatus() {}

  /** The status of the first {@link StatusRuntimeException} in the cause chain. */
  public static Optional<Status> of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException e) {
        return Optional.of(e.getStatus());
      }
    }
    return Optional.empty();
  }

  /** Whether the failure carries a gRPC status with one of these codes. */
  public static boolean is(Throwable failure, Status.Code... codes) {
    Optional<Status> status = of(failure);
    if (status.isEmpty()) {
      return false;
    }
    for (Status.Code code : codes) {
      if (status.get().getCode() == code) {
        return true;
      }
    }
    return false;
  }
}
