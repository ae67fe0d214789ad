package dev.hookflow.hub.inbound.route;

import dev.hookflow.activities.http.Downstream;
import dev.hookflow.activities.relay.RelayDestination;
import dev.hookflow.activities.relay.RelayDestinations;
import dev.hookflow.hub.platform.config.DownstreamConfig;
import dev.hookflow.hub.platform.policy.PolicyRegistry;
import dev.hookflow.signatures.StandardWebhooks;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code hookflow.routes}, and builds the relay routes' destinations. The fallback route is
 * on while no routes are configured, unless {@code hookflow.fallback-route} says otherwise.
 */
@Factory
public class RouteFactory {

  @Singleton
  RouteTable routeTable(Environment environment) {
    List<Map<String, Object>> specs =
        environment
            .getProperty(
                "hookflow.routes", Argument.listOf(Argument.mapOf(String.class, Object.class)))
            .orElse(List.of());
    List<Route> routes;
    try {
      routes = RouteTable.parse(specs);
    } catch (IllegalArgumentException e) {
      throw new dev.hookflow.hub.platform.config.SettingException(
          "hookflow.routes", e.getMessage(), e);
    }
    boolean fallback =
        environment.getProperty("hookflow.fallback-route", Boolean.class).orElse(routes.isEmpty());
    return new RouteTable(routes, fallback);
  }

  /** The destinations of relay routes, with their signers, for the relay activities. */
  @Singleton
  RelayDestinations relayDestinations(RouteTable routes, PolicyRegistry policies) {
    Map<String, RelayDestination> out = new HashMap<>();
    for (Route route : routes.routes()) {
      for (RelaySpec spec : route.relay()) {
        String setting = "route " + route.name() + " relay destination " + spec.name();
        StandardWebhooks signer;
        try {
          signer = StandardWebhooks.signing(spec.secret());
        } catch (IllegalArgumentException e) {
          throw new ConfigurationException(setting + ": " + e.getMessage());
        }
        Duration maximumInterval = policies.get(spec.policy(), setting).maximumInterval();
        out.put(
            route.name() + "/" + spec.name(),
            new RelayDestination(
                route.name(),
                new Downstream(
                    spec.name(),
                    spec.url(),
                    spec.headers(),
                    DownstreamConfig.CONNECT_TIMEOUT,
                    DownstreamConfig.READ_TIMEOUT),
                signer,
                maximumInterval,
                spec.secret()));
      }
    }
    return new RelayDestinations(Map.copyOf(out));
  }
}
