package dev.hookflow.hub.platform.temporal;

import dev.hookflow.hub.platform.config.TemporalConfig;
import dev.hookflow.workflows.event.SearchAttributeNames;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers Hookflow's Keyword search attributes on a namespace that lacks them. */
@Singleton
public class SearchAttributes {
  private static final Logger LOG = LoggerFactory.getLogger(SearchAttributes.class);

  private final OperatorServiceStubs operator;
  private final String namespace;
  private volatile boolean settled;

  public SearchAttributes(OperatorServiceStubs operator, TemporalConfig config) {
    this.operator = operator;
    this.namespace = config.getNamespace();
  }

  /**
   * Adds whichever of {@link SearchAttributeNames#ALL} the namespace does not have.
   *
   * @throws StatusRuntimeException when Temporal cannot be reached
   */
  public synchronized void ensureRegistered() {
    register();
    settled = true;
  }

  /**
   * {@link #ensureRegistered()} until it has been settled in this process: called at start-up and
   * before each start, so a hub that came up while Temporal was unreachable registers before its
   * first start instead of relying on the start being refused (the Java test server keeps a phantom
   * workflow id from a start it refuses for an undefined attribute). Unreachable: thrown, tried
   * again next time. Refused otherwise (no permission, as on Temporal Cloud, where an operator
   * registers them): logged once, and starts go ahead.
   */
  public void ensureRegisteredOnce() {
    if (settled) {
      return;
    }
    try {
      ensureRegistered();
    } catch (RuntimeException e) {
      if (GrpcStatus.unreachable(e)) {
        throw e;
      }
      settled = true;
      LOG.warn(
          "Temporal: cannot register search attributes {} ({}); register them as the README shows",
          SearchAttributeNames.ALL,
          GrpcStatus.of(e).map(s -> s.getCode().name()).orElse(e.getClass().getSimpleName()));
    }
  }

  private void register() {
    Set<String> missing = new HashSet<>(SearchAttributeNames.ALL);
    try {
      missing.removeAll(
          operator
              .blockingStub()
              .withDeadlineAfter(5, TimeUnit.SECONDS)
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
              .getCustomAttributesMap()
              .keySet());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    AddSearchAttributesRequest.Builder request =
        AddSearchAttributesRequest.newBuilder().setNamespace(namespace);
    missing.forEach(
        name -> request.putSearchAttributes(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    try {
      operator
          .blockingStub()
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .addSearchAttributes(request.build());
      LOG.info("Registered search attributes {} in namespace {}", missing, namespace);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
        throw e;
      }
    }
  }

  /** Whether a failure says that a search attribute is not defined on the server. */
  public static boolean isUndefinedAttribute(Throwable failure) {
    return GrpcStatus.of(failure)
        .filter(s -> s.getCode() == Status.Code.INVALID_ARGUMENT)
        .filter(s -> String.valueOf(s.getDescription()).contains("search attribute"))
        .isPresent();
  }
}
