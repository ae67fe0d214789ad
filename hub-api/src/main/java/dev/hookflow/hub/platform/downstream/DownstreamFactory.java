package dev.hookflow.hub.platform.downstream;

import dev.hookflow.activities.http.Downstream;
import dev.hookflow.activities.http.DownstreamHttp;
import dev.hookflow.activities.http.Downstreams;
import dev.hookflow.hub.platform.config.DownstreamConfig;
import dev.hookflow.hub.platform.policy.PolicyRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds what activities need from configuration: the named downstreams and the one {@link
 * DownstreamHttp} (relay destinations come with the routes, {@code RouteFactory}). Bad values stop
 * the hub at start-up, naming the setting but never a secret.
 */
@Factory
public class DownstreamFactory {
  private static final Logger LOG = LoggerFactory.getLogger(DownstreamFactory.class);

  @Singleton
  Downstreams downstreams(Collection<DownstreamConfig> configs) {
    Map<String, Downstream> named = new HashMap<>();
    for (DownstreamConfig config : configs) {
      if (config.getUrl() == null || config.getUrl().isBlank()) {
        continue;
      }
      Map<String, String> headers = new LinkedHashMap<>(config.getHeaders());
      if (config.getBearerToken() != null && !config.getBearerToken().isBlank()) {
        headers.put("Authorization", "Bearer " + config.getBearerToken());
      }
      URI url = url(config.getUrl(), "hookflow.downstreams." + config.getName() + ".url");
      named.put(
          config.getName(),
          new Downstream(
              config.getName(), url, headers, config.getConnectTimeout(), config.getReadTimeout()));
    }
    LOG.info(
        "Downstreams: {}",
        named.isEmpty() ? "none configured" : new java.util.TreeSet<>(named.keySet()));
    return new Downstreams(named);
  }

  @Singleton
  @Bean(preDestroy = "close")
  DownstreamHttp downstreamHttp(
      PolicyRegistry policies,
      @io.micronaut.core.annotation.Nullable io.micrometer.core.instrument.MeterRegistry registry,
      dev.hookflow.hub.platform.tracing.Tracing tracing) {
    return new DownstreamHttp(
        Clock.systemUTC(),
        policies::maximumInterval,
        new dev.hookflow.activities.http.DownstreamMetrics(
            registry != null ? registry : io.micrometer.core.instrument.Metrics.globalRegistry),
        tracing.openTelemetry());
  }

  private static URI url(String value, String setting) {
    try {
      URI uri = URI.create(value.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(setting + " must be an absolute http(s) URL");
    }
  }
}
