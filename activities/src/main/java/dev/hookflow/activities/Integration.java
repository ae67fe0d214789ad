package dev.hookflow.activities;

import dev.hookflow.activities.http.DownstreamHttp;
import dev.hookflow.activities.http.Downstreams;
import dev.hookflow.activities.relay.RelayDestinations;
import java.time.Clock;
import java.util.List;

/**
 * One integration Hookflow ships: its workflow implementations and the activities they call. The
 * worker registers every integration in {@link Integrations#shipped()}; the replay test requires a
 * recorded history for each of their workflow types.
 */
public interface Integration {

  /** Workflow implementation classes. */
  List<Class<?>> workflows();

  /** Activity implementations, built from what the hub provides. */
  List<Object> activities(Wiring wiring);

  /**
   * What activities may use: the configured downstreams, the one HTTP layer, relay destinations by
   * route and name, a clock, and the outbound (sending) side.
   */
  record Wiring(
      Downstreams downstreams,
      DownstreamHttp http,
      RelayDestinations relayDestinations,
      Clock clock,
      dev.hookflow.activities.delivery.Outbound outbound) {}
}
