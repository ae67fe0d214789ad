package dev.hookflow.hub.temporal;

import dev.hookflow.hub.config.HookflowConfig;
import dev.hookflow.hub.config.TemporalConfig;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
  WorkflowServiceStubs workflowServiceStubs(
      TemporalConnection connection, HookflowConfig hub, TemporalConfig temporal) {
    WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder();
    if (!connection.embedded()) {
      security(options, temporal);
    }
    return WorkflowServiceStubs.newServiceStubs(
        options
            .setTarget(connection.target())
            .setRpcTimeout(hub.getDispatchDeadline())
            .setRpcRetryOptions(
                RpcRetryOptions.newBuilder()
                    .setExpiration(hub.getDispatchDeadline())
                    .validateBuildWithDefaults())
            .build());
  }

  /** mTLS with a client certificate, or a Temporal Cloud API key (which implies TLS). */
  private static void security(WorkflowServiceStubsOptions.Builder options, TemporalConfig config) {
    boolean cert = config.getTlsCert() != null && !config.getTlsCert().isBlank();
    boolean key = config.getTlsKey() != null && !config.getTlsKey().isBlank();
    if (cert != key) {
      throw new ConfigurationException(
          "hookflow.temporal: set both TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY, or neither");
    }
    if (cert) {
      try (InputStream certificate = Files.newInputStream(Path.of(config.getTlsCert()));
          InputStream privateKey = Files.newInputStream(Path.of(config.getTlsKey()))) {
        options.setSslContext(SimpleSslContextBuilder.forPKCS8(certificate, privateKey).build());
      } catch (IOException e) {
        throw new ConfigurationException("cannot read the Temporal TLS certificate or key", e);
      }
    }
    if (config.getApiKey() != null && !config.getApiKey().isBlank()) {
      String apiKey = config.getApiKey();
      options.addApiKey(() -> apiKey);
      if (!cert) {
        options.setEnableHttps(true);
      }
    }
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
