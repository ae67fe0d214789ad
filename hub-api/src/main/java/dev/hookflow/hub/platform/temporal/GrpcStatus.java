package dev.hookflow.hub.platform.temporal;

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

  /**
   * Temporal's own size limits: a payload over the blob limit (2 MB by default) is {@code
   * INVALID_ARGUMENT "Blob data size exceeds limit"}; a request over the frontend's gRPC message
   * limit (4 MB) is {@code RESOURCE_EXHAUSTED "grpc: received message after decompression larger
   * than max 4194304"}, unlike a rate limit, which is worth retrying.
   */
  public static boolean tooLarge(Throwable failure) {
    return of(failure)
        .filter(
            status -> {
              String description =
                  status.getDescription() == null
                      ? ""
                      : status.getDescription().toLowerCase(java.util.Locale.ROOT);
              return switch (status.getCode()) {
                case INVALID_ARGUMENT -> description.contains("size exceeds limit");
                case RESOURCE_EXHAUSTED -> description.contains("larger than max");
                default -> false;
              };
            })
        .isPresent();
  }

  /**
   * Whether Temporal could not be reached or did not answer in time (worth retrying): {@code
   * UNAVAILABLE}, {@code DEADLINE_EXCEEDED}, {@code CANCELLED}, or {@code RESOURCE_EXHAUSTED} other
   * than a size limit.
   */
  public static boolean unreachable(Throwable failure) {
    return is(
            failure,
            Status.Code.UNAVAILABLE,
            Status.Code.DEADLINE_EXCEEDED,
            Status.Code.RESOURCE_EXHAUSTED,
            Status.Code.CANCELLED)
        && !tooLarge(failure);
  }

  /**
   * The one mapping of a failed Temporal call to the API's answer: unreachable or refusing the
   * hub's credentials or namespace is {@code temporal_unavailable} (503, retry later), over its
   * size limits {@code payload_too_large}, a server without the feature {@code not_implemented},
   * and anything else {@code internal_error} (details only in the log).
   */
  public static dev.hookflow.hub.platform.error.ProblemException problem(
      Throwable failure, int retryAfterSeconds) {
    dev.hookflow.hub.platform.error.ProblemCode code;
    String detail;
    Integer retryAfter = null;
    if (tooLarge(failure)) {
      code = dev.hookflow.hub.platform.error.ProblemCode.PAYLOAD_TOO_LARGE;
      detail = "Temporal refused a request of this size";
    } else if (unreachable(failure) || refusesHub(failure)) {
      code = dev.hookflow.hub.platform.error.ProblemCode.TEMPORAL_UNAVAILABLE;
      detail = "Temporal did not answer";
      retryAfter = retryAfterSeconds;
    } else if (is(failure, Status.Code.UNIMPLEMENTED)) {
      code = dev.hookflow.hub.platform.error.ProblemCode.NOT_IMPLEMENTED;
      detail = "This Temporal does not support the request";
    } else {
      code = dev.hookflow.hub.platform.error.ProblemCode.INTERNAL_ERROR;
      detail = "Temporal refused the request";
    }
    return new dev.hookflow.hub.platform.error.ProblemException(code, detail, retryAfter, failure);
  }
}
