package dev.hookflow.hub.inbound.source;

import dev.hookflow.hub.inbound.expression.ValueExpression;
import dev.hookflow.hub.platform.config.HookflowConfig;
import dev.hookflow.hub.platform.config.SourceConfig;
import io.micronaut.context.annotation.Context;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sources this process serves, built once at start-up. A source with an unknown scheme or a bad
 * setting stops the hub; a source without secrets (or Twilio without a public URL) is off and
 * listed with the reason.
 */
@Context
public class SourceRegistry {
  private final Map<String, Source> served = new TreeMap<>();
  private final Map<String, String> off = new TreeMap<>();

  public SourceRegistry(
      Collection<SourceConfig> configs,
      HookflowConfig hub,
      Clock clock,
      io.micronaut.context.env.Environment environment) {
    for (SourceConfig config : configs) {
      String name = config.getName();
      String setting = "verifier";
      try {
        String scheme = Schemes.normalize(config.getVerifier());
        if (!Schemes.NAMES.contains(scheme)) {
          throw new IllegalArgumentException(
              "unknown verifier '" + config.getVerifier() + "'; known: " + Schemes.NAMES);
        }
        java.util.Set<String> known = Schemes.keys(scheme);
        for (String key : environment.getPropertyEntries("hookflow.sources." + name)) {
          if (!known.contains(key)) {
            setting = key;
            throw new IllegalArgumentException(
                "'"
                    + key
                    + "' has no effect on a "
                    + scheme
                    + " source"
                    + (key.equals("tolerance") ? " (it signs no timestamp)" : "")
                    + "; its settings: "
                    + known);
          }
        }
        setting = null;
        var secrets = config.activeSecrets();
        if (secrets.isEmpty()) {
          off.put(name, "no secret; set " + secretHint(config));
          continue;
        }
        if (!hub.getRole().intake()) {
          off.put(name, "this process runs as worker only");
          continue;
        }
        if (scheme.equals("twilio")
            && (hub.getPublicUrl() == null || hub.getPublicUrl().isBlank())) {
          off.put(name, "Twilio signs the public URL; set HOOKFLOW_PUBLIC_URL");
          continue;
        }
        served.put(
            name,
            new Source(
                name,
                scheme,
                Schemes.create(config, secrets, hub.getPublicUrl(), clock),
                ValueExpression.parse(required(config.getEventId(), "event-id")),
                ValueExpression.parse(required(config.getEventType(), "event-type")),
                config.getMaxBodyBytes()));
      } catch (IllegalArgumentException e) {
        throw new dev.hookflow.hub.platform.config.SettingException(
            "hookflow.sources." + name + (setting == null ? "" : "." + setting),
            "hookflow.sources." + name + ": " + e.getMessage(),
            e);
      }
    }
  }

  public Optional<Source> find(String name) {
    return Optional.ofNullable(served.get(name));
  }

  /** Served sources by name. */
  public Map<String, Source> served() {
    return served;
  }

  /** Sources that are off, with the reason (never a secret). */
  public Map<String, String> off() {
    return off;
  }

  /** Why a source is off, for the 404 detail, or null. */
  public String offReason(String name) {
    return off.get(name);
  }

  private static String secretHint(SourceConfig config) {
    String variable = config.getSecretVariable();
    return variable != null ? variable : "hookflow.sources." + config.getName() + ".secrets";
  }

  private static String required(String value, String setting) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("'" + setting + "' is required");
    }
    return value;
  }
}
