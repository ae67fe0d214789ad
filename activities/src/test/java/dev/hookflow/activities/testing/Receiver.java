package dev.hookflow.activities.testing;

import com.sun.net.httpserver.HttpServer;
import com.svix.Webhook;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A subscriber on loopback: answers each POST with the next scripted status (200 when the script is
 * empty) and checks every request's signature with the official Svix library against the secrets it
 * is told to trust.
 */
public final class Receiver implements AutoCloseable {
  /** One request as received, and whether each trusted secret verified it. */
  public record Request(
      String path, Map<String, List<String>> headers, String body, List<Boolean> verified) {
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return values == null ? null : values.get(0);
    }
  }

  private final HttpServer server;
  private final Deque<int[]> script = new ArrayDeque<>();
  private final List<String> secrets = new CopyOnWriteArrayList<>();
  public final List<Request> requests = new CopyOnWriteArrayList<>();

  public Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Map<String, List<String>> headers = new HashMap<>();
          exchange
              .getRequestHeaders()
              .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
          List<Boolean> verified = new ArrayList<>();
          for (String secret : secrets) {
            verified.add(verifies(secret, body, headers));
          }
          requests.add(new Request(exchange.getRequestURI().getPath(), headers, body, verified));
          int[] answer;
          synchronized (script) {
            answer = script.isEmpty() ? new int[] {200, -1} : script.poll();
          }
          if (answer[1] >= 0) {
            exchange.getResponseHeaders().add("Retry-After", Integer.toString(answer[1]));
          }
          byte[] out = ("answer " + answer[0]).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(answer[0], out.length);
          exchange.getResponseBody().write(out);
          exchange.close();
        });
    server.start();
  }

  private static boolean verifies(String secret, String body, Map<String, List<String>> headers) {
    try {
      new Webhook(secret).verify(body, headers);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Trusts {@code secret} when verifying (in the order added). */
  public Receiver trusting(String secret) {
    secrets.add(secret);
    return this;
  }

  /** The next requests get these statuses, in order. */
  public Receiver answering(int... statuses) {
    synchronized (script) {
      for (int status : statuses) {
        script.add(new int[] {status, -1});
      }
    }
    return this;
  }

  public Receiver answeringWithRetryAfter(int status, int seconds) {
    synchronized (script) {
      script.add(new int[] {status, seconds});
    }
    return this;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
