package dev.hookflow.hub;

import io.micronaut.runtime.Micronaut;

/** Starts the Hookflow hub. */
public final class Application {
  private Application() {}

  public static void main(String[] args) {
    Micronaut.build(args).banner(false).start();
  }
}
