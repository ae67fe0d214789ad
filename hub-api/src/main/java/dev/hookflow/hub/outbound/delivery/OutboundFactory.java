package dev.hookflow.hub.outbound.delivery;

import dev.hookflow.activities.delivery.DeliveryStarter;
import dev.hookflow.activities.delivery.FanOut;
import dev.hookflow.activities.delivery.Outbound;
import dev.hookflow.activities.delivery.OutboundSettings;
import dev.hookflow.activities.delivery.WebhookSender;
import dev.hookflow.hub.platform.config.SettingException;
import dev.hookflow.hub.platform.config.TemporalConfig;
import dev.hookflow.store.AttemptRepository;
import dev.hookflow.store.Destinations;
import dev.hookflow.store.EndpointRepository;
import dev.hookflow.store.MessageRepository;
import dev.hookflow.workflows.policy.RetrySchedule;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The outbound side's parts, built from {@code hookflow.outbound}. */
@Factory
public class OutboundFactory {
  /** {@code Hookflow/<version>}, the version from the jar's manifest (a build from source: dev). */
  static String userAgent() {
    String version = OutboundFactory.class.getPackage().getImplementationVersion();
    return "Hookflow/" + (version == null ? "dev" : version);
  }

  @Singleton
  OutboundSettings settings(OutboundConfig config, TemporalConfig temporal) {
    RetrySchedule schedule;
    try {
      schedule = RetrySchedule.parse(config.getRetrySchedule());
    } catch (IllegalArgumentException e) {
      throw new SettingException(
          "hookflow.outbound.retry-schedule",
          "hookflow.outbound.retry-schedule (HOOKFLOW_OUTBOUND_RETRY_SCHEDULE): " + e.getMessage(),
          e);
    }
    OutboundSettings.HeaderStyle style;
    try {
      style = OutboundSettings.HeaderStyle.parse(config.getHeaderStyle());
    } catch (IllegalArgumentException e) {
      throw new SettingException(
          "hookflow.outbound.header-style", "hookflow.outbound." + e.getMessage(), e);
    }
    return new OutboundSettings(
        schedule, config.getRequestTimeout(), style, temporal.getTaskQueue(), userAgent());
  }

  @Singleton
  DeliveryStarter starter(WorkflowClient client, OutboundSettings settings) {
    return new DeliveryStarter(client, settings);
  }

  @Singleton
  FanOut fanOut(Destinations destinations, DeliveryStarter starter) {
    return new FanOut(destinations, starter, Clock.systemUTC());
  }

  @Singleton
  @Bean(preDestroy = "close")
  WebhookSender sender(
      OutboundSettings settings,
      @io.micronaut.core.annotation.Nullable io.micrometer.core.instrument.MeterRegistry registry,
      dev.hookflow.hub.platform.tracing.Tracing tracing) {
    return new WebhookSender(
        settings.requestTimeout(),
        Clock.systemUTC(),
        new dev.hookflow.activities.http.DownstreamMetrics(
            registry != null ? registry : io.micrometer.core.instrument.Metrics.globalRegistry),
        tracing.openTelemetry());
  }

  @Singleton
  Outbound outbound(
      MessageRepository messages,
      EndpointRepository endpoints,
      AttemptRepository attempts,
      Destinations destinations,
      DeliveryStarter starter,
      FanOut fanOut,
      WebhookSender sender,
      OutboundSettings settings,
      dev.hookflow.store.ConfiguredApplications configured) {
    return new Outbound(
        messages, endpoints, attempts, destinations, starter, fanOut, sender, settings, configured);
  }
}
