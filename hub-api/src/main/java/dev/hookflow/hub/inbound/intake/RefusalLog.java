package dev.hookflow.hub.inbound.intake;

import dev.hookflow.hub.platform.error.ProblemCode;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one line per refused webhook: source, code, status, client address and the event id when
 * it was known; never secrets, signatures, headers or bodies. Refused signatures and timestamps (a
 * wrong secret, or someone probing) and Temporal outages are WARN, other refusals INFO.
 *
 * <p>The log itself is rate-limited per source and code: at most {@link #PER_MINUTE} lines a minute
 * each; the next line written says how many were left out, so a flood cannot fill the disk.
 */
@Singleton
public class RefusalLog implements dev.hookflow.hub.platform.error.RefusalListener {

  /** Lines per source and code per minute. */
  static final int PER_MINUTE = 20;

  private static final Logger LOG = LoggerFactory.getLogger("hookflow.refused");

  /** Keys are bounded: unknown sources share one. */
  private static final int MAX_KEYS = 1024;

  private final Clock clock;
  private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

  public RefusalLog(Clock clock) {
    this.clock = clock;
  }

  private static final class Window {
    long minute;
    int written;
    int suppressed;
  }

  /**
   * @param source the source name from the path ({@code null} or unknown sources are grouped)
   * @param known whether the source is served (else its name is not trusted as a key)
   * @param eventId the event id when intake had read it, else null
   */
  public void refused(
      String source, boolean known, ProblemCode code, String client, String eventId) {
    String key = (known ? source : "*") + "/" + code.code();
    long minute = clock.millis() / 60_000;
    int suppressed;
    if (windows.size() > MAX_KEYS) {
      windows.clear();
    }
    Window window = windows.computeIfAbsent(key, k -> new Window());
    synchronized (window) {
      if (window.minute != minute) {
        window.minute = minute;
        window.written = 0;
      }
      if (window.written >= PER_MINUTE) {
        window.suppressed++;
        return;
      }
      window.written++;
      suppressed = window.suppressed;
      window.suppressed = 0;
    }
    String line =
        "Refused webhook: source={} code={} status={} client={} eventId={}"
            + (suppressed > 0 ? " (" + suppressed + " similar refusals not logged)" : "");
    Object[] args = {
      printable(source),
      code.code(),
      code.status().getCode(),
      client == null ? "?" : client,
      eventId == null ? "-" : printable(eventId)
    };
    if (warns(code)) {
      LOG.warn(line, args);
    } else {
      LOG.info(line, args);
    }
  }

  /** A webhook the server refused before intake ran (over the size cap, wrong method). */
  @Override
  public void refusedByServer(io.micronaut.http.HttpRequest<?> request, ProblemCode code) {
    String source = WebhookController.sourceOfPath(request.getPath());
    if (source != null) {
      refused(source, false, code, WebhookController.clientAddress(request), null);
    }
  }

  private static boolean warns(ProblemCode code) {
    return code == ProblemCode.INVALID_SIGNATURE
        || code == ProblemCode.STALE_TIMESTAMP
        || code == ProblemCode.TEMPORAL_UNAVAILABLE
        || code.status().getCode() >= 500;
  }

  /** Values from the request are cut and stripped of control characters (no log injection). */
  private static String printable(String value) {
    if (value == null) {
      return "-";
    }
    String cut = value.length() > 120 ? value.substring(0, 120) + "…" : value;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
