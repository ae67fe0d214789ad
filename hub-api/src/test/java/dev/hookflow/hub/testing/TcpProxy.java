package dev.hookflow.hub.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

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
  private final List<String> peers = new ArrayList<>();
  private int failedHandshakes;
  private boolean open = true;
  private boolean paused;
  private int held;

  public TcpProxy(int targetPort) {
    this(targetPort, plainListener());
  }

  /**
   * A TLS-terminating forwarder, as in front of a Temporal frontend that requires TLS: it offers
   * HTTP/2 by ALPN (which gRPC requires), demands a client certificate when the context trusts one,
   * and forwards plain TCP to the target. {@link #peers()} names the clients that completed a
   * handshake.
   */
  public static TcpProxy tls(int targetPort, SSLContext context, boolean needClientAuth) {
    try {
      SSLServerSocket listener =
          (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
      SSLParameters parameters = listener.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {"h2"});
      parameters.setNeedClientAuth(needClientAuth);
      listener.setSSLParameters(parameters);
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return new TcpProxy(targetPort, listener);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ServerSocket plainListener() {
    try {
      ServerSocket listener = new ServerSocket();
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return listener;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private TcpProxy(int targetPort, ServerSocket listener) {
    this.targetPort = targetPort;
    this.listener = listener;
    Thread acceptor = new Thread(this::accept, "proxy-accept-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** TLS: the subject of each client certificate presented in a completed handshake. */
  public synchronized List<String> peers() {
    return List.copyOf(peers);
  }

  /** TLS: how many handshakes failed (an untrusted server name, certificate or client). */
  public synchronized int failedHandshakes() {
    return failedHandshakes;
  }

  /** Forwards new connections again. */
  public synchronized void restore() {
    open = true;
  }

  /**
   * Holds every byte in both directions, connections kept open, until {@link #resume()}: a server
   * that has gone slow.
   */
  public synchronized void pause() {
    paused = true;
  }

  public synchronized void resume() {
    paused = false;
    notifyAll();
  }

  private synchronized void awaitResumed() throws InterruptedException {
    if (paused) {
      held++;
    }
    while (paused) {
      wait();
    }
  }

  /** How many reads were held back by {@link #pause()} so far: traffic that is waiting. */
  public synchronized int held() {
    return held;
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
    if (client instanceof SSLSocket tls) {
      handshake(tls);
    }
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

  private void handshake(SSLSocket client) throws IOException {
    client.setSoTimeout(10_000);
    try {
      client.startHandshake();
    } catch (IOException e) {
      synchronized (this) {
        failedHandshakes++;
      }
      throw e;
    }
    client.setSoTimeout(0);
    String peer;
    try {
      peer = client.getSession().getPeerPrincipal().getName();
    } catch (SSLPeerUnverifiedException e) {
      peer = "(no client certificate)";
    }
    synchronized (this) {
      peers.add(peer);
    }
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
                  awaitResumed();
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException ignored) {
                // connection cut
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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
    resume();
    cut();
    closeQuietly(listener);
  }
}
