package dev.hookflow.hub.platform.database;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code hookflow.database}: where the sending side's data lives. With no {@code url} the hub
 * starts an embedded PostgreSQL: throwaway beside the in-memory embedded Temporal, kept in {@code
 * data-dir} beside any other Temporal (so the two keep the same history).
 */
@ConfigurationProperties("hookflow.database")
public class DatabaseConfig {
  private String url;
  private String user;
  private String password;
  private String dataDir;
  private int poolSize = 10;

  /** {@code HOOKFLOW_DATABASE_URL}: a JDBC URL of an external PostgreSQL; empty = embedded. */
  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  /** {@code HOOKFLOW_DATABASE_USER}. */
  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  /** {@code HOOKFLOW_DATABASE_PASSWORD}. */
  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  /**
   * {@code HOOKFLOW_DATABASE_DIR}: the embedded database's data, kept beside a durable Temporal
   * (default {@code .hookflow/postgres}); empty = throwaway.
   */
  public String getDataDir() {
    return dataDir;
  }

  public void setDataDir(String dataDir) {
    this.dataDir = dataDir;
  }

  /** Connections in the pool (default 10). */
  public int getPoolSize() {
    return poolSize;
  }

  public void setPoolSize(int poolSize) {
    this.poolSize = poolSize;
  }

  public boolean external() {
    return url != null && !url.isBlank();
  }
}
