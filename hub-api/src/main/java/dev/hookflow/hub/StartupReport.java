package dev.hookflow.hub;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hookflow.hub.inbound.route.RouteTable;
import dev.hookflow.hub.inbound.source.SourceRegistry;
import dev.hookflow.hub.platform.config.HookflowConfig;
import dev.hookflow.hub.platform.config.TemporalConfig;
import dev.hookflow.hub.platform.temporal.SearchAttributes;
import dev.hookflow.hub.platform.temporal.TemporalConnection;
import dev.hookflow.workflows.event.WebhookEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.temporal.common.converter.DataConverter;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says at start-up, one line each, where Temporal is, which sources are served at which URL and
 * which are off (and why), and every route; registers the search attributes.
 */
@Singleton
public class StartupReport {
  /** Temporal's {@code limit.blobSize.error} default: one payload, such as a start's input. */
  private static final int TEMPORAL_DEFAULT_BLOB_LIMIT = 2 * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger("hookflow");

  private final TemporalConnection connection;
  private final TemporalConfig temporal;
  private final HookflowConfig hub;
  private final SourceRegistry sources;
  private final SearchAttributes searchAttributes;
  private final RouteTable routes;

  public StartupReport(
      RouteTable routes,
      TemporalConnection connection,
      TemporalConfig temporal,
      HookflowConfig hub,
      SourceRegistry sources,
      SearchAttributes searchAttributes) {
    this.connection = connection;
    this.temporal = temporal;
    this.hub = hub;
    this.sources = sources;
    this.searchAttributes = searchAttributes;
    this.routes = routes;
  }

  @EventListener
  void onStartup(ServerStartupEvent event) {
    if (connection.embedded()) {
      LOG.info(
          "Temporal: embedded test server on {} (in memory: workflows are lost when the hub"
              + " stops; set TEMPORAL_ADDRESS for a durable Temporal)",
          connection.target());
    } else {
      LOG.info("Temporal: {} namespace {}", connection.target(), temporal.getNamespace());
    }
    try {
      searchAttributes.ensureRegisteredOnce();
    } catch (RuntimeException e) {
      LOG.warn(
          "Temporal: cannot register search attributes yet ({}); webhooks get 503 until it"
              + " answers",
          e.getMessage());
    }
    String base =
        hub.getPublicUrl() != null && !hub.getPublicUrl().isBlank()
            ? hub.getPublicUrl().replaceAll("/+$", "")
            : "http://localhost:" + event.getSource().getPort();
    sources
        .served()
        .forEach(
            (name, source) -> {
              LOG.info("Source {}: POST {}/webhooks/{} ({})", name, base, name, source.scheme());
              if (source.maxBodyBytes() > TEMPORAL_DEFAULT_BLOB_LIMIT) {
                LOG.warn(
                    "Source {}: max-body-bytes {} is above Temporal's default payload limit (2 MB);"
                        + " larger events will be refused with 413 unless the server's limit is"
                        + " raised",
                    name,
                    source.maxBodyBytes());
              }
            });
    sources.off().forEach((name, reason) -> LOG.info("Source {}: off, {}", name, reason));
    if (hub.getRole().intake()) {
      routes.routes().forEach(route -> LOG.info("Route {}", route.describe()));
      if (routes.fallback()) {
        LOG.info("Route {} (events no other route takes)", RouteTable.FALLBACK.describe());
      }
      if (routes.routes().isEmpty() && !routes.fallback()) {
        LOG.warn("No route: verified events are answered 'ignored' and nothing starts");
      }
    }
    if (sources.served().isEmpty() && hub.getRole().intake()) {
      LOG.warn("No source is served: set a secret variable above, e.g. GITHUB_WEBHOOK_SECRET");
    }
    if (hub.getRole().intake()) {
      if (hub.managementProtected()) {
        LOG.info("Management API /events and /api/v1: bearer token required");
      } else {
        LOG.warn(
            "Management API /events (listing, replay) is open: set HOOKFLOW_MANAGEMENT_TOKEN"
                + " wherever others can reach this hub");
        LOG.warn(
            "Sending API /api/v1 (it can reveal endpoint secrets) answers loopback clients only"
                + " until HOOKFLOW_MANAGEMENT_TOKEN is set");
      }
    }
    selfCheck(event.getSource().getPort());
    LOG.info("Hookflow ready (role {})", hub.getRole().name().toLowerCase());
  }

  /**
   * Before saying ready, asks its own {@code GET /health} over loopback and serializes a sample
   * envelope the way a start does: the first real webhook then finds the HTTP pipeline, the
   * Temporal channel and the payload converter loaded. A failure is logged, never fatal.
   */
  private void selfCheck(int port) {
    long start = System.nanoTime();
    try {
      DataConverter.getDefaultInstance()
          .toPayloads(
              new WebhookEvent(
                  "self-check",
                  "0",
                  "self-check",
                  "1970-01-01T00:00:00Z",
                  "self-check",
                  Map.of(),
                  JsonNodeFactory.instance.objectNode().put("ok", true)));
      HttpResponse<Void> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      LOG.info(
          "Self-check: GET /health answered {} in {} ms",
          health.statusCode(),
          (System.nanoTime() - start) / 1_000_000);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Self-check: GET /health failed ({})", e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
