package dev.hookflow.bench;

/**
 * The Temporal a scenario runs against: where it listens, where its server metrics are, and the
 * process whose CPU is Temporal's (none for the hub's embedded test server, which lives in the
 * hub).
 */
interface TemporalBackend extends AutoCloseable {
  /** host:port of its frontend, or null for the hub's embedded Temporal. */
  String target();

  /** Its Prometheus endpoint (persistence requests), or null when it has none. */
  String metricsUrl();

  /** Processes whose CPU is Temporal's (server, database); empty when it runs in the hub. */
  long[] pids();

  /** One line for the log: what it is and how it stores. */
  String describe();

  /** The hub's own in-memory test server: nothing to start. */
  TemporalBackend EMBEDDED =
      new TemporalBackend() {
        @Override
        public String target() {
          return null;
        }

        @Override
        public String metricsUrl() {
          return null;
        }

        @Override
        public long[] pids() {
          return new long[0];
        }

        @Override
        public String describe() {
          return "the hub's embedded Temporal test server (in memory, in the hub process)";
        }

        @Override
        public void close() {}
      };
}
