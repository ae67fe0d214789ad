package dev.hookflow.hub.inbound.intake;

import dev.hookflow.hub.inbound.source.Source;
import dev.hookflow.hub.inbound.verify.RawWebhook;
import dev.hookflow.hub.platform.error.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code POST /webhooks/{source}}: the public intake endpoint. */
@Controller("/webhooks")
public class WebhookController {
  private final IntakeService intake;
  private final RefusalLog refusals;
  private final IntakeMetrics metrics;

  public WebhookController(IntakeService intake, RefusalLog refusals, IntakeMetrics metrics) {
    this.intake = intake;
    this.refusals = refusals;
    this.metrics = metrics;
  }

  /** Temporal calls block, so this runs off the event loop. */
  @Post(uri = "/{source}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<?> receive(
      @PathVariable String source, HttpRequest<?> request, @Nullable @Body byte[] body) {
    long start = System.nanoTime();
    byte[] bytes = body == null ? new byte[0] : body;
    // Log lines of this request carry the source (and the event id once read): see logback.xml.
    org.slf4j.MDC.put("source", source.length() > 64 ? source.substring(0, 64) : source);
    try {
      HttpResponse<?> answer = take(source, request, bytes);
      if (answer.body() instanceof IntakeResponse response) {
        metrics.answered(source, response, bytes.length, start);
      }
      return answer;
    } catch (ProblemException e) {
      boolean served = intake.serves(source);
      refusals.refused(source, served, e.code(), clientAddress(request), e.eventId());
      metrics.refused(source, served, e.code(), start);
      throw e;
    } finally {
      org.slf4j.MDC.remove("source");
      org.slf4j.MDC.remove("eventId");
    }
  }

  /** The peer's address (the load balancer's, behind one). */
  public static String clientAddress(HttpRequest<?> request) {
    var address = request.getRemoteAddress();
    return address.getAddress() == null
        ? address.getHostString()
        : address.getAddress().getHostAddress();
  }

  private HttpResponse<?> take(String source, HttpRequest<?> request, byte[] body) {
    Source admitted = intake.admit(source, request.getContentLength());
    RawWebhook raw =
        new RawWebhook(
            request.getPath(),
            query(request),
            headers(request),
            request.getContentType().map(WebhookController::mediaType).orElse(null),
            body);
    IntakeService.Outcome outcome = intake.receive(admitted, raw);
    if (outcome instanceof IntakeService.Challenge challenge) {
      return HttpResponse.ok(Map.of("challenge", challenge.challenge()));
    }
    return HttpResponse.accepted().body(((IntakeService.Routed) outcome).response());
  }

  private static String query(HttpRequest<?> request) {
    String uri = request.getUri().getRawQuery();
    return uri == null || uri.isEmpty() ? null : uri;
  }

  private static Map<String, List<String>> headers(HttpRequest<?> request) {
    Map<String, List<String>> out = new HashMap<>();
    for (String name : request.getHeaders().names()) {
      out.put(name.toLowerCase(Locale.ROOT), request.getHeaders().getAll(name));
    }
    return out;
  }

  private static String mediaType(MediaType type) {
    return (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
  }
}
