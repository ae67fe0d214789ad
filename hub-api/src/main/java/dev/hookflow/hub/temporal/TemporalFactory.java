package dev.hookflow.hub.temporal;

import dev.hookflow.hub.config.HookflowConfig;
import dev.hookflow.hub.config.TemporalConfig;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Temporal client beans, one connection per process. */
@Factory
public class TemporalFactory {

  @Singleton
  @Bean(preDestroy = "close")
  TemporalConnection temporalConnection(TemporalConfig config) {
    return TemporalConnection.open(config);
  }

  /**
   * Service stubs whose calls give up after the dispatch deadline, so intake answers 503 in bounded
   * time when Temporal is down instead of holding the sender.
   */
  @Singleton
  @Bean(preDestroy = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(TemporalConnection connection, HookflowConfig hub) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(connection.target())
            .setRpcTimeout(hub.getDispatchDeadline())
            .setRpcRetryOptions(
                RpcRetryOptions.newBuilder()
                    .setExpiration(hub.getDispatchDeadline())
                    .validateBuildWithDefaults())
            .build());
  }

  @Singleton
  @Bean(preDestroy = "shutdown")
  OperatorServiceStubs operatorServiceStubs(WorkflowServiceStubs stubs) {
    return OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder()
            .setChannel(stubs.getRawChannel())
            .validateAndBuildWithDefaults());
  }

  @Singleton
  WorkflowClient workflowClient(WorkflowServiceStubs stubs, TemporalConfig config) {
    return WorkflowClient.newInstance(
        stubs, WorkflowClientOptions.newBuilder().setNamespace(config.getNamespace()).build());
  }

  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
