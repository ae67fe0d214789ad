package dev.hookflow.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A relay destination on loopback: completes the future registered for a {@code webhook-id} with
 * the {@link System#nanoTime()} of its first arrival, and answers 204.
 */
final class RelaySink implements AutoCloseable {
  static final String SECRET = "whsec_YmVuY2gtcmVsYXktc2lnbmluZy1rZXktMzJieXRlcyE=";

  private final HttpServer server;
  private final Map<String, CompletableFuture<Long>> expected = new ConcurrentHashMap<>();

  RelaySink() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext(
        "/sink",
        exchange -> {
          long now = System.nanoTime();
          exchange.getRequestBody().readAllBytes();
          String id = exchange.getRequestHeaders().getFirst("webhook-id");
          CompletableFuture<Long> future = id == null ? null : expected.get(id);
          if (future != null) {
            future.complete(now);
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/sink";
  }

  CompletableFuture<Long> expect(String webhookId) {
    return expected.computeIfAbsent(webhookId, k -> new CompletableFuture<>());
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
