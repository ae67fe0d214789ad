package dev.hookflow.hub;

import dev.hookflow.hub.platform.config.SettingException;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.Micronaut;

/** Starts the Hookflow hub. */
public final class Application {
  private Application() {}

  public static void main(String[] args) {
    new Micronaut() {
      @Override
      protected void handleStartupException(Environment environment, Throwable exception) {
        ConfigurationException refused = configurationError(exception);
        if (refused == null) {
          super.handleStartupException(environment, exception);
          return;
        }
        // One line naming the setting and where it was written, not a stack trace.
        System.err.println(
            "hookflow: configuration error: "
                + refused.getMessage()
                + origin(environment, refused)
                + "; not starting");
        System.exit(1);
      }
    }.args(args).banner(false).start();
  }

  /** The configuration refusal that stopped start-up, or null when it was something else. */
  static ConfigurationException configurationError(Throwable failure) {
    ConfigurationException found = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConfigurationException c) {
        found = c; // the innermost one says it plainest
      }
    }
    return found;
  }

  /** " (set in <file>)" for the file that holds the refused setting, when one does. */
  static String origin(Environment environment, ConfigurationException refused) {
    if (environment == null || !(refused instanceof SettingException setting)) {
      return "";
    }
    String key = setting.setting();
    for (PropertySource source : environment.getPropertySources()) {
      boolean holds =
          source.get(key) != null
              || java.util.stream.StreamSupport.stream(source.spliterator(), false)
                  .anyMatch(name -> name.startsWith(key + ".") || name.startsWith(key + "["));
      if (holds) {
        String where =
            source.getOrigin() != null ? source.getOrigin().location() : source.getName();
        return " (set in " + where + ")";
      }
    }
    return "";
  }
}
