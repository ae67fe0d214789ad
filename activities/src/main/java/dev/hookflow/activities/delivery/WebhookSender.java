package dev.hookflow.activities.delivery;

import dev.hookflow.activities.http.DownstreamMetrics;
import dev.hookflow.activities.http.RetryAfter;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * POSTs a signed message to a subscriber's URL: one request, no redirects followed, the answer's
 * first 4 KiB kept as text. Every outcome is returned, none thrown: the caller records it. Each
 * request is a client span of the current trace, carried on as {@code traceparent}; a relay
 * destination's requests are counted in the downstream metrics under its name (a subscriber's
 * endpoints are not: their number has no bound).
 */
public class WebhookSender implements AutoCloseable {
  /** How much of an answer an attempt row keeps. */
  public static final int RESPONSE_KEPT = 4096;

  private final HttpClient client;
  private final Clock clock;
  private final DownstreamMetrics metrics;
  private final io.opentelemetry.api.OpenTelemetry openTelemetry;

  /** A sender without metrics or tracing (tests and tools). */
  public WebhookSender(Duration requestTimeout, Clock clock) {
    this(
        requestTimeout, clock, DownstreamMetrics.none(), io.opentelemetry.api.OpenTelemetry.noop());
  }

  public WebhookSender(
      Duration requestTimeout,
      Clock clock,
      DownstreamMetrics metrics,
      io.opentelemetry.api.OpenTelemetry openTelemetry) {
    this.metrics = metrics;
    this.openTelemetry = openTelemetry;
    DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
    configuration.setReadTimeout(requestTimeout);
    configuration.setConnectTimeout(
        requestTimeout.compareTo(Duration.ofSeconds(10)) < 0
            ? requestTimeout
            : Duration.ofSeconds(10));
    configuration.setFollowRedirects(false);
    configuration.setExceptionOnErrorStatus(false);
    configuration.setMaxContentLength(1024 * 1024);
    this.client = HttpClient.create(null, configuration);
    this.clock = clock;
  }

  /**
   * @param downstream a relay destination's name, which labels the metrics; null for a subscriber's
   *     endpoint
   * @param attempt the delivery's attempt number, from 1
   */
  public SendResult post(
      String url, byte[] body, Map<String, String> headers, String downstream, int attempt) {
    long started = System.nanoTime();
    MutableHttpRequest<byte[]> request =
        HttpRequest.POST(URI.create(url), body).contentType(MediaType.APPLICATION_JSON_TYPE);
    headers.forEach(request::header);
    io.opentelemetry.api.trace.Span span =
        openTelemetry
            .getTracer("dev.hookflow.activities")
            .spanBuilder("POST " + (downstream == null ? "endpoint" : downstream))
            .setSpanKind(io.opentelemetry.api.trace.SpanKind.CLIENT)
            .setAttribute("http.request.method", "POST")
            .startSpan();
    openTelemetry
        .getPropagators()
        .getTextMapPropagator()
        .inject(
            io.opentelemetry.context.Context.current().with(span),
            request,
            (carrier, key, value) -> carrier.header(key, value));
    SendResult result;
    try {
      HttpResponse<byte[]> response = client.toBlocking().exchange(request, byte[].class);
      result = answered(response, response.getBody().orElse(new byte[0]), started);
    } catch (HttpClientResponseException e) {
      byte[] answer = e.getResponse().getBody(byte[].class).orElse(new byte[0]);
      result = answered(e.getResponse(), answer, started);
    } catch (RuntimeException e) {
      result = new SendResult(0, describe(e), millisSince(started), kind(e), null);
    }
    if (result.statusCode() > 0) {
      span.setAttribute("http.response.status_code", result.statusCode());
    }
    span.end();
    if (downstream != null) {
      metrics.attempt(
          downstream, result.statusCode(), Duration.ofNanos(System.nanoTime() - started), attempt);
    }
    return result;
  }

  private SendResult answered(HttpResponse<?> response, byte[] body, long started) {
    String text =
        new String(
            body.length > RESPONSE_KEPT ? Arrays.copyOf(body, RESPONSE_KEPT) : body,
            StandardCharsets.UTF_8);
    Duration retryAfter =
        RetryAfter.parse(response.getHeaders().get("Retry-After"), clock.instant()).orElse(null);
    return new SendResult(response.code(), text, millisSince(started), null, retryAfter);
  }

  private static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** The error kind an attempt row records when no answer came. */
  static String kind(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ReadTimeoutException
          || t instanceof java.util.concurrent.TimeoutException
          || t instanceof io.netty.channel.ConnectTimeoutException
          || t instanceof java.net.SocketTimeoutException) {
        return "timeout";
      }
      if (t instanceof UnknownHostException) {
        return "dns";
      }
      if (t instanceof SSLException) {
        return "tls";
      }
      if (t instanceof ConnectException) {
        return "refused";
      }
    }
    return "connection";
  }

  private static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage();
    return root.getClass().getSimpleName() + message;
  }

  @Override
  public void close() {
    client.close();
  }
}
