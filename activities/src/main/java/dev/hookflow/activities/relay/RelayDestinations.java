package dev.hookflow.activities.relay;

import java.util.Map;

/** The relay destinations of the configured relay routes, by {@code route/destination}. */
public record RelayDestinations(Map<String, RelayDestination> byKey) {
  public RelayDestination find(String route, String destination) {
    return byKey.get(route + "/" + destination);
  }
}
