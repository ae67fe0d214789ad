package dev.hookflow.hub.platform.config;

import io.micronaut.context.exceptions.ConfigurationException;

/**
 * A setting the hub refuses to start with. {@code setting} is its full name (for example {@code
 * hookflow.sources.acme.verifier}), so the start-up error can say which file set it.
 */
public class SettingException extends ConfigurationException {
  private final String setting;

  public SettingException(String setting, String message, Throwable cause) {
    super(message, cause);
    this.setting = setting;
  }

  public String setting() {
    return setting;
  }
}
