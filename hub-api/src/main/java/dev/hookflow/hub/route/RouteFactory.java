package dev.hookflow.hub.route;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code hookflow.routes}. The fallback route is on while no routes are configured, unless
 * {@code hookflow.fallback-route} says otherwise.
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
      throw new dev.hookflow.hub.config.SettingException("hookflow.routes", e.getMessage(), e);
    }
    boolean fallback =
        environment.getProperty("hookflow.fallback-route", Boolean.class).orElse(routes.isEmpty());
    return new RouteTable(routes, fallback);
  }
}
