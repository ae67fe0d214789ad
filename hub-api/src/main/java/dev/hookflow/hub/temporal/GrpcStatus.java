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

  /**
   * Whether Temporal refused the hub itself rather than this call: credentials it does not accept
   * ({@code UNAUTHENTICATED}, {@code PERMISSION_DENIED}) or a namespace it does not have ({@code
   * NOT_FOUND "Namespace x is not found."}, which the SDK may report as a missing workflow). Every
   * call fails the same way until an operator fixes the configuration.
   */
  public static boolean refusesHub(Throwable failure) {
    return of(failure)
        .filter(
            status ->
                switch (status.getCode()) {
                  case UNAUTHENTICATED, PERMISSION_DENIED -> true;
                  case NOT_FOUND ->
                      status.getDescription() != null
                          && status.getDescription().startsWith("Namespace ")
                          && status.getDescription().contains("not found");
                  default -> false;
                })
        .isPresent();
  }
}
