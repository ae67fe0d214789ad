package dev.hookflow.activities.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookflow.workflows.policy.FailureTypes;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way activities call downstream systems over HTTP: one attempt per call, classified for
 * Temporal's retries.
 *
 * <p>Every call carries {@code Idempotency-Key: <workflow id>/<activity id>}, the same on every
 * retry of one step (and new for a new run, such as a replay). A 2xx answer is returned; any other
 * outcome is thrown as an {@link ApplicationFailure} whose message names the downstream, the call,
 * the status and a short excerpt of the answer, never a header value: {@code DownstreamRejected}
 * (non-retryable) for 4xx other than 408/409/425/429, {@code DownstreamUnavailable} for the rest,
 * with {@code Retry-After} of a 429 or 503 as the next retry delay (capped by the policy's maximum
 * interval), and {@code DownstreamUnreachable} when no answer came.
 */
public class DownstreamHttp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DownstreamHttp.class);
  static final int EXCERPT = 200;

  /** How much of an answer is looked at for an excerpt; masking runs before the cut. */
  private static final int EXCERPT_SCAN = 64 * 1024;

  /** A 2xx answer from {@code from}. */
  public record Answer(int status, byte[] body, Downstream from) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The start of the body for a failure message, with the downstream's credentials masked. */
    public String excerpt() {
      return DownstreamHttp.excerpt(body, from);
    }
  }

  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Function<String, Duration> maximumIntervals;
  private final DownstreamMetrics metrics;
  private final io.opentelemetry.api.OpenTelemetry openTelemetry;

  /**
   * @param clock for {@code Retry-After} dates
   * @param maximumIntervals activity type -> its policy's maximum interval, which caps {@code
   *     Retry-After}; may answer null (no cap)
   */
  public DownstreamHttp(Clock clock, Function<String, Duration> maximumIntervals) {
    this(clock, maximumIntervals, DownstreamMetrics.none());
  }

  /** As above, counting every attempt in {@code metrics}. */
  public DownstreamHttp(
      Clock clock, Function<String, Duration> maximumIntervals, DownstreamMetrics metrics) {
    this(clock, maximumIntervals, metrics, io.opentelemetry.api.OpenTelemetry.noop());
  }

  /**
   * As above; each attempt is a client span of the current trace (the activity's), and the call
   * carries it on as a W3C {@code traceparent} header.
   */
  public DownstreamHttp(
      Clock clock,
      Function<String, Duration> maximumIntervals,
      DownstreamMetrics metrics,
      io.opentelemetry.api.OpenTelemetry openTelemetry) {
    this.clock = clock;
    this.maximumIntervals = maximumIntervals;
    this.metrics = metrics;
    this.openTelemetry = openTelemetry;
  }

  /**
   * Makes one attempt.
   *
   * @param downstream where to
   * @param method the HTTP method
   * @param path appended to the downstream's base URL
   * @param body the request body, JSON; null for none
   * @param headers extra headers for this call
   * @param label how failures name the call, for example {@code POST /reservations}
   */
  public Answer call(
      Downstream downstream,
      HttpMethod method,
      String path,
      byte[] body,
      Map<String, String> headers,
      String label) {
    return call(downstream, method, path, body, headers, label, null);
  }

  /**
   * As {@link #call(Downstream, HttpMethod, String, byte[], Map, String)}, with the policy's
   * maximum interval given by the caller (relay destinations each have their own policy).
   */
  public Answer call(
      Downstream downstream,
      HttpMethod method,
      String path,
      byte[] body,
      Map<String, String> headers,
      String label,
      Duration maximumInterval) {
    MutableHttpRequest<Object> request =
        HttpRequest.create(method, target(downstream, path).toString());
    downstream.headers().forEach(request::header);
    headers.forEach(request::header);
    request.header("Idempotency-Key", idempotencyKey());
    request.header("User-Agent", "Hookflow");
    if (body != null) {
      request.body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
    io.opentelemetry.api.trace.Span span =
        openTelemetry
            .getTracer("dev.hookflow.activities")
            .spanBuilder(method.name() + " " + downstream.name())
            .setSpanKind(io.opentelemetry.api.trace.SpanKind.CLIENT)
            .setAttribute("hookflow.downstream", downstream.name())
            .setAttribute("http.request.method", method.name())
            .startSpan();
    openTelemetry
        .getPropagators()
        .getTextMapPropagator()
        .inject(
            io.opentelemetry.context.Context.current().with(span),
            request,
            (carrier, key, value) -> carrier.header(key, value));
    try {
      return attempt(downstream, request, label, maximumInterval, span);
    } finally {
      span.end();
    }
  }

  private Answer attempt(
      Downstream downstream,
      MutableHttpRequest<Object> request,
      String label,
      Duration maximumInterval,
      io.opentelemetry.api.trace.Span span) {
    String call = downstream.name() + " " + label;
    int attempt = Activity.getExecutionContext().getInfo().getAttempt();
    long started = System.nanoTime();
    HttpResponse<?> response;
    byte[] answer;
    try {
      HttpResponse<byte[]> ok = client(downstream).toBlocking().exchange(request, byte[].class);
      response = ok;
      answer = ok.getBody().orElse(new byte[0]);
    } catch (HttpClientResponseException e) {
      // An answer with an error status: classified below.
      response = e.getResponse();
      answer = e.getResponse().getBody(byte[].class).orElse(new byte[0]);
    } catch (HttpClientException e) {
      metrics.attempt(downstream.name(), 0, Duration.ofNanos(System.nanoTime() - started), attempt);
      LOG.info("{}: no answer ({})", call, e.getClass().getSimpleName());
      throw ApplicationFailure.newFailure(
          call + ": no answer (" + noAnswer(e) + ")", FailureTypes.DOWNSTREAM_UNREACHABLE);
    }
    int status = response.code();
    span.setAttribute("http.response.status_code", status);
    metrics.attempt(
        downstream.name(), status, Duration.ofNanos(System.nanoTime() - started), attempt);
    ResponseClassifier.Outcome outcome = ResponseClassifier.classify(status);
    if (outcome == ResponseClassifier.Outcome.SUCCESS) {
      return new Answer(status, answer, downstream);
    }
    String message = call + " answered " + status + ": " + excerpt(answer, downstream);
    LOG.info("{}", message);
    if (outcome == ResponseClassifier.Outcome.REJECT) {
      metrics.nonRetryable(downstream.name(), FailureTypes.DOWNSTREAM_REJECTED);
      throw ApplicationFailure.newNonRetryableFailure(
          message, FailureTypes.DOWNSTREAM_REJECTED, status);
    }
    ApplicationFailure.Builder failure =
        ApplicationFailure.newBuilder()
            .setMessage(message)
            .setType(FailureTypes.DOWNSTREAM_UNAVAILABLE)
            .setDetails(status);
    if (ResponseClassifier.honoursRetryAfter(status)) {
      RetryAfter.parse(response.getHeaders().get("Retry-After"), clock.instant())
          .map(delay -> cap(delay, maximumInterval(maximumInterval)))
          .ifPresent(failure::setNextRetryDelay);
    }
    throw failure.build();
  }

  /** POSTs a JSON body to {@code path} of {@code downstream}: one attempt, as {@link #call}. */
  public Answer postJson(Downstream downstream, String path, JsonNode body) {
    return call(downstream, HttpMethod.POST, path, Json.bytes(body), Map.of(), "POST " + path);
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** The key of the current activity step: the same on each of its retries. */
  static String idempotencyKey() {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    return headerSafe(info.getWorkflowId() + "/" + info.getActivityId());
  }

  /**
   * Percent-encodes (UTF-8) every character a header value cannot carry as is: anything outside
   * visible ASCII and inner spaces (an edge space would be trimmed), and {@code %} itself, so
   * distinct ids stay distinct. Workflow ids come from payload values and may hold any character;
   * most keys pass unchanged.
   */
  public static String headerSafe(String value) {
    StringBuilder out = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean plain =
          c > ' ' && c < 0x7f && c != '%' || c == ' ' && i > 0 && i < value.length() - 1;
      if (plain && out == null) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(value.length() + 16).append(value, 0, i);
      }
      if (plain) {
        out.append(c);
        continue;
      }
      int end = Character.isHighSurrogate(c) && i + 1 < value.length() ? i + 2 : i + 1;
      for (byte b : value.substring(i, end).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
      i = end - 1;
    }
    return out == null ? value : out.toString();
  }

  /**
   * The policy's maximum interval: from the activity task when the server sends it, else from the
   * caller or the hub's binding of the activity type (Temporal's test server omits it).
   */
  private Duration maximumInterval(Duration given) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    RetryOptions retry = info.getRetryOptions();
    if (retry != null && retry.getMaximumInterval() != null) {
      return retry.getMaximumInterval();
    }
    return given != null ? given : maximumIntervals.apply(info.getActivityType());
  }

  private static Duration cap(Duration delay, Duration max) {
    return max != null && !max.isZero() && delay.compareTo(max) > 0 ? max : delay;
  }

  private static URI target(Downstream downstream, String path) {
    String base = downstream.baseUrl().toString();
    if (path == null || path.isEmpty()) {
      return downstream.baseUrl();
    }
    return URI.create(
        (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
            + (path.startsWith("/") ? path : "/" + path));
  }

  private HttpClient client(Downstream downstream) {
    return clients.computeIfAbsent(
        downstream.name()
            + " "
            + downstream.baseUrl().getScheme()
            + "://"
            + downstream.baseUrl().getRawAuthority(),
        key -> {
          DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
          configuration.setConnectTimeout(downstream.connectTimeout());
          configuration.setReadTimeout(downstream.readTimeout());
          try {
            URI root =
                URI.create(
                    downstream.baseUrl().getScheme()
                        + "://"
                        + downstream.baseUrl().getRawAuthority());
            return HttpClient.create(root.toURL(), configuration);
          } catch (MalformedURLException e) {
            throw new IllegalArgumentException("downstream " + downstream.name(), e);
          }
        });
  }

  /** What went wrong, without the URL (a path may hold a token). */
  private static String noAnswer(HttpClientException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String kind = root.getClass().getSimpleName();
    String text = e.getClass().getSimpleName();
    return kind.equals(text) ? kind : text + ", " + kind;
  }

  /**
   * The start of an answer, for failure messages (which reach logs and Temporal's history). Some
   * services echo the credential they refused ("invalid token sk_live_..."), so the values of the
   * downstream's headers, and the token after an auth scheme such as {@code Bearer}, are masked
   * before the text is cut.
   */
  static String excerpt(byte[] body, Downstream downstream) {
    int length = Math.min(body.length, EXCERPT_SCAN);
    String text = new String(body, 0, length, StandardCharsets.UTF_8);
    for (String header : downstream.headers().values()) {
      String value = header.trim();
      text = mask(text, value);
      int scheme = value.lastIndexOf(' ');
      if (scheme > 0) {
        text = mask(text, value.substring(scheme + 1));
      }
    }
    text = text.replaceAll("\\s+", " ").trim();
    if (text.isEmpty()) {
      return "(empty body)";
    }
    return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "...";
  }

  private static String mask(String text, String secret) {
    // A value this short is no credential, and masking it would garble the text.
    return secret.length() < 4 ? text : text.replace(secret, "[redacted]");
  }

  @Override
  public void close() {
    clients.values().forEach(HttpClient::close);
    clients.clear();
  }
}
