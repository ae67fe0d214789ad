package dev.hookflow.hub.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything the process logs, at the levels the hub ships with (its {@code logback.xml}), from
 * {@link #begin()} to {@link #close()}: each line with its stack trace, as an operator's log
 * collector would keep it. For checking that secrets never reach the logs.
 */
public final class LogWatch extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final List<String> lines = new ArrayList<>();

  private LogWatch() {}

  /** Starts collecting every line logged in this JVM. */
  public static LogWatch begin() {
    LogWatch watch = new LogWatch();
    watch.setName("log-watch");
    watch.setContext(root().getLoggerContext());
    watch.start();
    root().addAppender(watch);
    return watch;
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @Override
  protected synchronized void append(ILoggingEvent event) {
    String line =
        event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage();
    if (event.getThrowableProxy() != null) {
      line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
    }
    lines.add(line);
  }

  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** Fails naming the first line that holds any of these values. */
  public void assertNoneContain(String... secrets) {
    List<String> seen = lines();
    assertFalse(seen.isEmpty(), "the watch saw the hub log something");
    for (String line : seen) {
      for (String secret : secrets) {
        assertFalse(line.contains(secret), "a secret reached the log: " + line);
      }
    }
  }

  @Override
  public void close() {
    root().detachAppender(this);
    stop();
  }
}
