package dev.hookflow.hub.platform.temporal;

import dev.hookflow.hub.platform.config.TemporalConfig;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.ServerSocket;

/**
 * Where the hub's Temporal is. For {@code embedded} it starts Temporal's Java test server as a real
 * gRPC service on 127.0.0.1 (real time, in memory) and stops it on close; otherwise it only names
 * the configured target.
 */
public final class TemporalConnection implements AutoCloseable {
  private final String target;
  private final TestServer.PortBoundTestServer embedded;

  private TemporalConnection(String target, TestServer.PortBoundTestServer embedded) {
    this.target = target;
    this.embedded = embedded;
  }

  public static TemporalConnection open(TemporalConfig config) {
    if (!config.isEmbedded()) {
      return new TemporalConnection(config.getTarget().trim(), null);
    }
    int port = config.getEmbeddedPort() == 0 ? freePort() : config.getEmbeddedPort();
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port);
    return new TemporalConnection("127.0.0.1:" + port, server);
  }

  /** host:port for gRPC clients. */
  public String target() {
    return target;
  }

  public boolean embedded() {
    return embedded != null;
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port for the embedded Temporal", e);
    }
  }
}
