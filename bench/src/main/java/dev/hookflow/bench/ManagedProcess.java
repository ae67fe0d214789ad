package dev.hookflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A child process (the hub, the Temporal dev server) with its log file and /proc figures. */
final class ManagedProcess implements AutoCloseable {
  private static final double CLOCK_TICKS = 100.0;
  private final Process process;
  private final Path log;

  private ManagedProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static ManagedProcess start(List<String> command, Map<String, String> env, Path log)
      throws IOException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return new ManagedProcess(builder.start(), log);
  }

  Path log() {
    return log;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** Waits for a line containing {@code marker} in the log; returns nanoTime when seen. */
  long awaitLog(String marker, long timeoutMillis) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(marker)) {
        return System.nanoTime();
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("process exited; see " + log);
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(
        "'" + marker + "' not seen within " + timeoutMillis + " ms; see " + log);
  }

  /** User + system CPU seconds used so far. */
  double cpuSeconds() throws IOException {
    return cpuSeconds(pid());
  }

  /** User + system CPU seconds of any process, from /proc. */
  static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
  }

  /** Resident set now and its peak, in MiB. */
  double[] rssMiB() throws IOException {
    String status = Files.readString(Path.of("/proc/" + pid() + "/status"));
    return new double[] {kib(status, "VmRSS") / 1024.0, kib(status, "VmHWM") / 1024.0};
  }

  /** Heap in use after a full GC, in MiB (via jcmd). */
  double heapAfterGcMiB() throws IOException, InterruptedException {
    run("jcmd", Long.toString(pid()), "GC.run");
    String info = run("jcmd", Long.toString(pid()), "GC.heap_info");
    Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
  }

  private static long kib(String status, String key) {
    Matcher m = Pattern.compile(key + ":\\s+(\\d+) kB").matcher(status);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
