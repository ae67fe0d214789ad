package dev.hookflow.hub.platform.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code hookflow.downstreams.<name>}: a system activities call. {@code
 * HOOKFLOW_DOWNSTREAMS_<NAME>_URL} sets the URL. A downstream without a URL is not configured:
 * activities that need it fail with the retryable {@code DownstreamNotConfigured} until it is set.
 */
@EachProperty("hookflow.downstreams")
public class DownstreamConfig {
  private final String name;
  private String url;
  private String bearerToken;
  private Map<String, String> headers = new HashMap<>();

  /** Default connect timeout, also used for relay destinations. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Default read timeout, also used for relay destinations. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(25);

  private Duration connectTimeout = CONNECT_TIMEOUT;
  private Duration readTimeout = READ_TIMEOUT;

  public DownstreamConfig(@Parameter String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  /** Base URL; call paths are appended. */
  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  /** Sent as {@code Authorization: Bearer <token>}; a secret, never logged. */
  public String getBearerToken() {
    return bearerToken;
  }

  public void setBearerToken(String bearerToken) {
    this.bearerToken = bearerToken;
  }

  /** Extra headers on every call, such as an API key header; values are treated as secrets. */
  public Map<String, String> getHeaders() {
    return headers;
  }

  public void setHeaders(Map<String, String> headers) {
    this.headers = headers == null ? new HashMap<>() : headers;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** How long to wait for an answer; keep it below the policy's start-to-close timeout. */
  public Duration getReadTimeout() {
    return readTimeout;
  }

  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  @Override
  public String toString() {
    return "DownstreamConfig[" + name + " " + url + "]";
  }
}
