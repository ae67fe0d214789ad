package dev.hookflow.hub.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/** The Temporal connection, under {@code hookflow.temporal}. */
@ConfigurationProperties("hookflow.temporal")
public class TemporalConfig {

  /** The target value that starts Temporal's Java test server inside the hub. */
  public static final String EMBEDDED = "embedded";

  private String target = EMBEDDED;
  private String namespace = "default";
  private String taskQueue = "hookflow";
  private int embeddedPort = 7233;

  /**
   * {@code TEMPORAL_ADDRESS}: {@code host:port} of a Temporal frontend, or {@code embedded}
   * (default) for an in-memory Temporal test server inside the hub.
   */
  public String getTarget() {
    return target;
  }

  public void setTarget(String target) {
    this.target = target;
  }

  public boolean isEmbedded() {
    return target == null || target.isBlank() || EMBEDDED.equalsIgnoreCase(target.trim());
  }

  /** {@code TEMPORAL_NAMESPACE}, default {@code default}. */
  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  /** The task queue the hub's worker polls and routes start on unless they name another. */
  public String getTaskQueue() {
    return taskQueue;
  }

  public void setTaskQueue(String taskQueue) {
    this.taskQueue = taskQueue;
  }

  /** Port of the embedded Temporal on 127.0.0.1 (default 7233; 0 picks a free port). */
  public int getEmbeddedPort() {
    return embeddedPort;
  }

  public void setEmbeddedPort(int embeddedPort) {
    this.embeddedPort = embeddedPort;
  }
}
