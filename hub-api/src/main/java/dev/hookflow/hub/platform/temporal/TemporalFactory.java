package dev.hookflow.hub.platform.temporal;

import dev.hookflow.hub.platform.config.HookflowConfig;
import dev.hookflow.hub.platform.config.TemporalConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.ServiceStubsOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

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
      TemporalConnection connection,
      HookflowConfig hub,
      TemporalConfig temporal,
      @io.micronaut.core.annotation.Nullable io.micrometer.core.instrument.MeterRegistry registry) {
    WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder();
    // The SDK's own metrics (requests, workflow and activity task latency, schedule-to-start,
    // pollers) in the hub's registry, served at /prometheus with the rest. The scope is never
    // closed: closing the reporter would close the registry the hub shares. None when metrics are
    // off.
    if (registry != null) {
      options.setMetricsScope(
          new com.uber.m3.tally.RootScopeBuilder()
              .reporter(new io.temporal.common.reporter.MicrometerClientStatsReporter(registry))
              .reportEvery(com.uber.m3.util.Duration.ofSeconds(10)));
    }
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

  /**
   * TLS when a client certificate (mTLS), a CA file or an API key is set; the API key goes along as
   * a bearer token on every call. Without a CA file the JVM's trusted CAs check the server.
   */
  private static void security(WorkflowServiceStubsOptions.Builder options, TemporalConfig config) {
    boolean cert = isSet(config.getTlsCert());
    boolean key = isSet(config.getTlsKey());
    if (cert != key) {
      throw new ConfigurationException(
          "hookflow.temporal: set both TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY, or neither");
    }
    boolean ca = isSet(config.getTlsCa());
    if (cert || ca) {
      options.setSslContext(sslContext(config, cert, ca));
    } else if (isSet(config.getApiKey())) {
      options.setEnableHttps(true);
    }
    addApiKey(options, config);
    if (isSet(config.getTlsServerName())) {
      String serverName = config.getTlsServerName().trim();
      options.setChannelInitializer(channel -> channel.overrideAuthority(serverName));
    }
  }

  private static SslContext sslContext(TemporalConfig config, boolean cert, boolean ca) {
    SimpleSslContextBuilder builder;
    if (cert) {
      // Read now: the builder reads its streams only in build().
      try {
        builder =
            SimpleSslContextBuilder.forPKCS8(
                new ByteArrayInputStream(Files.readAllBytes(Path.of(config.getTlsCert()))),
                new ByteArrayInputStream(Files.readAllBytes(Path.of(config.getTlsKey()))));
      } catch (IOException e) {
        throw new ConfigurationException("cannot read the Temporal TLS certificate or key", e);
      }
    } else {
      builder = SimpleSslContextBuilder.noKeyOrCertChain();
    }
    if (ca) {
      builder.setTrustManager(trusting(Path.of(config.getTlsCa())));
    }
    try {
      return builder.build();
    } catch (SSLException e) {
      throw new ConfigurationException("cannot set up TLS to Temporal: " + e.getMessage(), e);
    }
  }

  /** A trust manager that accepts the certificates of the CAs in this PEM file, and no others. */
  private static TrustManager trusting(Path caFile) {
    try (InputStream pem = Files.newInputStream(caFile)) {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int n = 0;
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
        trusted.setCertificateEntry("ca-" + n++, certificate);
      }
      if (n == 0) {
        throw new ConfigurationException("TEMPORAL_TLS_CA " + caFile + " holds no certificate");
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      return factory.getTrustManagers()[0];
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigurationException("cannot read TEMPORAL_TLS_CA " + caFile, e);
    }
  }

  /** The API key as a bearer token on every call of these stubs, when one is set. */
  private static void addApiKey(ServiceStubsOptions.Builder<?> options, TemporalConfig config) {
    if (isSet(config.getApiKey())) {
      String apiKey = config.getApiKey();
      options.addApiKey(() -> apiKey);
    }
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }

  /**
   * Operator calls (search attribute registration) share the workflow service's channel. The API
   * key is not part of that channel but of each stub's calls, so it is added here too.
   */
  @Singleton
  @Bean(preDestroy = "shutdown")
  OperatorServiceStubs operatorServiceStubs(
      WorkflowServiceStubs stubs, TemporalConnection connection, TemporalConfig temporal) {
    OperatorServiceStubsOptions.Builder options =
        OperatorServiceStubsOptions.newBuilder().setChannel(stubs.getRawChannel());
    if (!connection.embedded()) {
      addApiKey(options, temporal);
    }
    return OperatorServiceStubs.newServiceStubs(options.validateAndBuildWithDefaults());
  }

  @Singleton
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs,
      TemporalConfig config,
      dev.hookflow.hub.platform.tracing.Tracing tracing) {
    WorkflowClientOptions.Builder options =
        WorkflowClientOptions.newBuilder().setNamespace(config.getNamespace());
    if (tracing.enabled()) {
      // Starts and signals carry the current span; the worker continues it in the workflow.
      options.setInterceptors(
          new io.temporal.opentracing.OpenTracingClientInterceptor(tracing.temporalOptions()));
    }
    return WorkflowClient.newInstance(stubs, options.build());
  }

  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
