package dev.hookflow.activities.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A real HTTP downstream on loopback for tests: answers each call from a script per {@code "METHOD
 * /path"} (falling back to the longest matching path prefix, then to 200 {@code {}}) and records
 * every request with the time it arrived on a given clock (the test environment's, so retry gaps
 * can be asserted under time skipping).
 */
public final class ScriptedDownstream implements AutoCloseable {

  /** One received request. */
  public record Call(
      String method, String path, Map<String, String> headers, String body, long atMillis) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** One scripted answer; {@code hold} makes the answer wait until released. */
  public record Answer(int status, Map<String, String> headers, String body, CountDownLatch hold) {
    public static Answer status(int status) {
      return new Answer(status, Map.of(), "{\"error\":\"scripted " + status + "\"}", null);
    }

    public static Answer json(int status, String body) {
      return new Answer(status, Map.of(), body, null);
    }

    public Answer withHeader(String name, String value) {
      Map<String, String> copy = new HashMap<>(headers);
      copy.put(name, value);
      return new Answer(status, copy, body, hold);
    }

    /** This answer is sent only after {@code latch} opens (or 60 s pass). */
    public Answer heldBy(CountDownLatch latch) {
      return new Answer(status, headers, body, latch);
    }
  }

  private final HttpServer server;
  private final LongSupplier clock;
  private final Map<String, Deque<Answer>> scripts = new HashMap<>();
  private final Map<String, Answer> always = new HashMap<>();
  private final List<Call> calls = new ArrayList<>();

  public ScriptedDownstream(LongSupplier clock) throws IOException {
    this.clock = clock;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers the next calls to {@code "METHOD /path"} with these, in order. */
  public synchronized ScriptedDownstream script(String call, Answer... answers) {
    scripts.computeIfAbsent(call, k -> new ArrayDeque<>()).addAll(List.of(answers));
    return this;
  }

  /**
   * Answers every call to {@code "METHOD /path"} (or a path under it) with this, once the script is
   * used up.
   */
  public synchronized ScriptedDownstream always(String call, Answer answer) {
    always.put(call, answer);
    return this;
  }

  /** The calls so far whose {@code "METHOD /path"} starts with {@code prefix}, in arrival order. */
  public synchronized List<Call> calls(String prefix) {
    return calls.stream().filter(c -> (c.method() + " " + c.path()).startsWith(prefix)).toList();
  }

  /**
   * Waits (real time, up to 30 s) until at least {@code count} calls start with {@code prefix}.
   *
   * @throws AssertionError when they do not arrive
   */
  public void awaitCalls(String prefix, int count) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (calls(prefix).size() < count) {
      if (System.nanoTime() > end) {
        throw new AssertionError(count + " call(s) " + prefix + " did not arrive in 30 s");
      }
      Thread.sleep(20);
    }
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> headers = new HashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    Answer answer;
    synchronized (this) {
      calls.add(new Call(method, path, headers, body, clock.getAsLong()));
      answer = next(method + " " + path);
    }
    if (answer.hold() != null) {
      try {
        answer.hold().await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private Answer next(String call) {
    Deque<Answer> script = scripts.get(call);
    if (script != null && !script.isEmpty()) {
      return script.poll();
    }
    String best = null;
    for (String key : always.keySet()) {
      if (call.startsWith(key) && (best == null || key.length() > best.length())) {
        best = key;
      }
    }
    return best != null ? always.get(best) : Answer.json(200, "{}");
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
