package dev.hookflow.hub.platform.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Process-wide settings under {@code hookflow}. Sources, routes and the Temporal connection have
 * their own classes.
 */
@ConfigurationProperties("hookflow")
public class HookflowConfig {

  /** What this process runs. */
  public enum Role {
    /** Webhook intake and the Temporal worker. */
    ALL,
    /** Webhook intake only; workflows run in other processes. */
    INTAKE,
    /** The Temporal worker only; no webhook endpoints answer. */
    WORKER;

    public boolean intake() {
      return this != WORKER;
    }

    public boolean worker() {
      return this != INTAKE;
    }
  }

  private Role role = Role.ALL;
  private String publicUrl;
  private Duration dispatchDeadline = Duration.ofSeconds(5);
  private int retryAfterSeconds = 5;
  private String managementToken;

  /** {@code HOOKFLOW_ROLE}: all (default), intake or worker. */
  public Role getRole() {
    return role;
  }

  public void setRole(Role role) {
    this.role = role;
  }

  /**
   * {@code HOOKFLOW_PUBLIC_URL}: the URL senders use to reach this hub (scheme, host, optional port
   * and path prefix, no trailing slash). Twilio signs the public URL, so its source needs it;
   * start-up logs use it to print webhook URLs.
   */
  public String getPublicUrl() {
    return publicUrl;
  }

  public void setPublicUrl(String publicUrl) {
    this.publicUrl = publicUrl;
  }

  /**
   * How long intake waits for Temporal to accept each start or signal before it answers 503
   * (default 5 s).
   */
  public Duration getDispatchDeadline() {
    return dispatchDeadline;
  }

  public void setDispatchDeadline(Duration dispatchDeadline) {
    this.dispatchDeadline = dispatchDeadline;
  }

  /** The {@code Retry-After} seconds sent with 503 (default 5). */
  public int getRetryAfterSeconds() {
    return retryAfterSeconds;
  }

  public void setRetryAfterSeconds(int retryAfterSeconds) {
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * {@code HOOKFLOW_MANAGEMENT_TOKEN}: when set, {@code /events} (listing, an event's deliveries,
   * replay) answers only requests with {@code Authorization: Bearer <token>}. Unset, those
   * endpoints are open and the start-up log says so: set it wherever the hub is reachable by
   * others.
   */
  public String getManagementToken() {
    return managementToken;
  }

  public void setManagementToken(String managementToken) {
    this.managementToken = managementToken;
  }

  /** Whether the management endpoints require a token. */
  public boolean managementProtected() {
    return managementToken != null && !managementToken.isBlank();
  }
}
