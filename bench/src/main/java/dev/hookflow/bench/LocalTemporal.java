package dev.hookflow.bench;

/** A Temporal the benchmark started as a process on loopback: its frontend and metrics ports. */
abstract class LocalTemporal implements TemporalBackend {
  private final int port;
  private final int metricsPort;

  LocalTemporal(int port, int metricsPort) {
    this.port = port;
    this.metricsPort = metricsPort;
  }

  @Override
  public String target() {
    return "127.0.0.1:" + port;
  }

  @Override
  public String metricsUrl() {
    return "http://127.0.0.1:" + metricsPort + "/metrics";
  }
}
