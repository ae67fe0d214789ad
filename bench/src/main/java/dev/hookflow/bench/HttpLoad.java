package dev.hookflow.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends pre-built requests over persistent HTTP/1.1 connections, one connection per virtual user,
 * each user sending its next request when the previous answer arrived (closed loop).
 */
final class HttpLoad {
  private HttpLoad() {}

  static Stats run(String label, int port, byte[][] requests, int concurrency, long maxMillis)
      throws InterruptedException {
    long[] latencies = new long[requests.length];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    Map<String, Integer> errors = new ConcurrentHashMap<>();
    long deadline = System.nanoTime() + maxMillis * 1_000_000;
    Thread[] users = new Thread[concurrency];
    long start = System.nanoTime();
    for (int u = 0; u < concurrency; u++) {
      users[u] =
          new Thread(
              () -> {
                Connection connection = null;
                int i;
                while ((i = next.getAndIncrement()) < requests.length
                    && System.nanoTime() < deadline) {
                  long t0 = System.nanoTime();
                  try {
                    if (connection == null) {
                      connection = new Connection(port);
                    }
                    int status = connection.exchange(requests[i]);
                    if (status == 202) {
                      latencies[i] = System.nanoTime() - t0;
                      ok.incrementAndGet();
                    } else {
                      errors.merge("http_" + status, 1, Integer::sum);
                    }
                  } catch (IOException e) {
                    errors.merge("io", 1, Integer::sum);
                    if (connection != null) {
                      connection.close();
                    }
                    connection = null;
                  }
                }
                if (connection != null) {
                  connection.close();
                }
              },
              "load-" + u);
      users[u].start();
    }
    for (Thread user : users) {
      user.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] successful = java.util.Arrays.stream(latencies).filter(l -> l > 0).toArray();
    return new Stats(label, concurrency, successful, ok.get(), errors, seconds);
  }

  /** One keep-alive connection; reads status line, headers and a Content-Length body. */
  static final class Connection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    Connection(int port) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setTcpNoDelay(true);
      out = new BufferedOutputStream(socket.getOutputStream(), 8192);
      in = new BufferedInputStream(socket.getInputStream(), 8192);
    }

    int exchange(byte[] request) throws IOException {
      out.write(request);
      out.flush();
      String statusLine = line();
      if (statusLine == null || statusLine.length() < 12) {
        throw new IOException("connection closed");
      }
      int status = Integer.parseInt(statusLine.substring(9, 12));
      int length = 0;
      String header;
      while ((header = line()) != null && !header.isEmpty()) {
        if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
          length = Integer.parseInt(header.substring(15).trim());
        }
      }
      for (int remaining = length; remaining > 0; ) {
        long skipped = in.skip(remaining);
        if (skipped <= 0) {
          if (in.read() < 0) {
            throw new IOException("short body");
          }
          skipped = 1;
        }
        remaining -= (int) skipped;
      }
      return status;
    }

    private String line() throws IOException {
      StringBuilder sb = new StringBuilder(64);
      int c;
      while ((c = in.read()) >= 0) {
        if (c == '\n') {
          int len = sb.length();
          return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
        }
        sb.append((char) c);
      }
      return sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }
}
