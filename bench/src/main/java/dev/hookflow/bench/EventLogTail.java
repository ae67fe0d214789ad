package dev.hookflow.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/**
 * Follows the hub's log for the lines its EventLog step writes ({@code events event <source>/<id>
 * type=...}), one per recorded event: how the benchmark sees workflows finish without asking the
 * hub anything (a Prometheus scrape costs the hub tens of milliseconds of CPU).
 */
final class EventLogTail {
  /** The logger's name is shortened in the hub's console pattern ("events"). */
  private static final java.util.regex.Pattern LINE =
      java.util.regex.Pattern.compile("events +event (\\S+) type=");

  private final Path log;
  private long offset;
  private final StringBuilder partial = new StringBuilder();

  EventLogTail(Path log) throws IOException {
    this.log = log;
    this.offset = log.toFile().length();
  }

  /** Adds to {@code seen} the event keys containing {@code marker} logged since the last call. */
  void read(String marker, Set<String> seen) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long length = file.length();
      if (length <= offset) {
        return;
      }
      byte[] bytes = new byte[(int) (length - offset)];
      file.seek(offset);
      file.readFully(bytes);
      offset = length;
      partial.append(new String(bytes, StandardCharsets.UTF_8));
    }
    int end;
    while ((end = partial.indexOf("\n")) >= 0) {
      String line = partial.substring(0, end);
      partial.delete(0, end + 1);
      java.util.regex.Matcher m = LINE.matcher(line);
      if (m.find() && m.group(1).contains(marker)) {
        seen.add(m.group(1));
      }
    }
  }
}
