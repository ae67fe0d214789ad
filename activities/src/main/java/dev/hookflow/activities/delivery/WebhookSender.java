package dev.hookflow.activities.delivery;

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
 * first 4 KiB kept as text. Every outcome is returned, none thrown: the caller records it.
 */
public class WebhookSender implements AutoCloseable {
  /** How much of an answer an attempt row keeps. */
  public static final int RESPONSE_KEPT = 4096;

  private final HttpClient client;
  private final Clock clock;

  public WebhookSender(Duration requestTimeout, Clock clock) {
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

  public SendResult post(String url, byte[] body, Map<String, String> headers) {
    long started = System.nanoTime();
    MutableHttpRequest<byte[]> request =
        HttpRequest.POST(URI.create(url), body).contentType(MediaType.APPLICATION_JSON_TYPE);
    headers.forEach(request::header);
    try {
      HttpResponse<byte[]> response = client.toBlocking().exchange(request, byte[].class);
      return answered(response, response.getBody().orElse(new byte[0]), started);
    } catch (HttpClientResponseException e) {
      byte[] answer = e.getResponse().getBody(byte[].class).orElse(new byte[0]);
      return answered(e.getResponse(), answer, started);
    } catch (RuntimeException e) {
      return new SendResult(0, describe(e), millisSince(started), kind(e), null);
    }
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
