package dev.hookflow.hub.intake;

import dev.hookflow.hub.source.Source;
import dev.hookflow.hub.verify.RawWebhook;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code POST /webhooks/{source}}: the public intake endpoint. */
@Controller("/webhooks")
public class WebhookController {
  private final IntakeService intake;

  public WebhookController(IntakeService intake) {
    this.intake = intake;
  }

  /**
   * Runs on the event loop: verification and parsing are CPU only, and Temporal is called
   * asynchronously.
   */
  @Post(uri = "/{source}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  public CompletableFuture<HttpResponse<?>> receive(
      @PathVariable String source, HttpRequest<?> request, @Nullable @Body byte[] body) {
    Source admitted = intake.admit(source, request.getContentLength());
    RawWebhook raw =
        new RawWebhook(
            request.getPath(),
            query(request),
            headers(request),
            request
                .getHeaders()
                .getFirst("Content-Type")
                .map(WebhookController::mediaType)
                .orElse(null),
            body == null ? new byte[0] : body);
    return intake
        .receive(admitted, raw)
        .thenApply(
            outcome ->
                outcome instanceof IntakeService.Challenge challenge
                    ? HttpResponse.ok(Map.of("challenge", challenge.challenge()))
                    : HttpResponse.accepted().body(((IntakeService.Routed) outcome).response()));
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

  /** The media type without parameters, lower case. */
  private static String mediaType(String header) {
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
