package dev.hookflow.activities.relay;

import java.util.List;
import java.util.Map;

/** The relay destinations of the configured relay routes, by {@code route/destination}. */
public record RelayDestinations(Map<String, RelayDestination> byKey) {
  public RelayDestination find(String route, String destination) {
    return byKey.get(route + "/" + destination);
  }

  /** Every destination of one route. */
  public List<RelayDestination> ofRoute(String route) {
    return byKey.values().stream().filter(d -> d.route().equals(route)).toList();
  }
}
