package dev.hookflow.hub.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/**
 * A loopback TCP forwarder that a test can cut (drop every connection and reset new ones, as when a
 * server goes away) and restore.
 *
 * <p>The listening port stays bound for the proxy's whole life. Releasing it on a cut would let any
 * other server on the machine take the port, and the hub would then reach a Temporal that is not
 * the one the test took away.
 */
public final class TcpProxy implements AutoCloseable {
  private final int targetPort;
  private final ServerSocket listener;
  private final Set<Socket> sockets = new HashSet<>();
  private boolean open = true;

  public TcpProxy(int targetPort) {
    this.targetPort = targetPort;
    try {
      listener = new ServerSocket();
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Thread acceptor = new Thread(this::accept, "proxy-accept-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Forwards new connections again. */
  public synchronized void restore() {
    open = true;
  }

  /** Drops every forwarded connection; until {@link #restore()}, new ones are reset at once. */
  public synchronized void cut() {
    open = false;
    sockets.forEach(TcpProxy::closeQuietly);
    sockets.clear();
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return;
      }
      try {
        forward(client);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void forward(Socket client) throws IOException {
    Socket upstream;
    synchronized (this) {
      if (!open) {
        client.setSoLinger(true, 0); // reset, not an orderly close
        client.close();
        return;
      }
      // Connecting under the lock: a cut() cannot slip between connect and registration.
      upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
      sockets.add(client);
      sockets.add(upstream);
    }
    pump(client, upstream);
    pump(upstream, client);
  }

  private void pump(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException ignored) {
                // connection cut
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    cut();
    closeQuietly(listener);
  }
}
