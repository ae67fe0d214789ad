package dev.hookflow.hub.platform.config;

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
  private String tlsCert;
  private String tlsKey;
  private String tlsCa;
  private String tlsServerName;
  private String apiKey;

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

  /** {@code TEMPORAL_TLS_CERT}: PEM client certificate file for mTLS (with the key). */
  public String getTlsCert() {
    return tlsCert;
  }

  public void setTlsCert(String tlsCert) {
    this.tlsCert = tlsCert;
  }

  /** {@code TEMPORAL_TLS_KEY}: PEM PKCS#8 private key file for mTLS. */
  public String getTlsKey() {
    return tlsKey;
  }

  public void setTlsKey(String tlsKey) {
    this.tlsKey = tlsKey;
  }

  /**
   * {@code TEMPORAL_TLS_CA}: PEM file of the CA certificates that signed the server's certificate,
   * trusted instead of the JVM's defaults (a self-hosted Temporal with a private CA); turns TLS on.
   */
  public String getTlsCa() {
    return tlsCa;
  }

  public void setTlsCa(String tlsCa) {
    this.tlsCa = tlsCa;
  }

  /**
   * {@code TEMPORAL_TLS_SERVER_NAME}: the name the server's certificate is checked against, when it
   * is not the host of {@code TEMPORAL_ADDRESS} (for example an IP address or an internal load
   * balancer).
   */
  public String getTlsServerName() {
    return tlsServerName;
  }

  public void setTlsServerName(String tlsServerName) {
    this.tlsServerName = tlsServerName;
  }

  /** {@code TEMPORAL_API_KEY}: Temporal Cloud API key; turns TLS on. Never logged. */
  public String getApiKey() {
    return apiKey;
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  @Override
  public String toString() {
    return "TemporalConfig[target=" + target + ", namespace=" + namespace + "]";
  }
}
