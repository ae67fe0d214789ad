package dev.hookflow.store;

import java.nio.file.Path;

/** Started as a separate JVM by StoreTest: a "hub" that the test then kills with SIGKILL. */
public final class KeptDatabaseMain {
  private KeptDatabaseMain() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("throwaway")) {
      EmbeddedDatabase database = EmbeddedDatabase.throwaway();
      System.out.println("ready " + database.port());
      System.out.flush();
      Thread.sleep(120_000);
      return;
    }
    EmbeddedDatabase database = EmbeddedDatabase.kept(Path.of(args[0]));
    try (var c = database.dataSource().getConnection();
        var s = c.createStatement()) {
      s.execute(
          "INSERT INTO application (id, name, created_at, updated_at)"
              + " VALUES ('app_kept', 'k', now(), now())");
    }
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(120_000);
  }
}
