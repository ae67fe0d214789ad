package dev.hookflow.hub.management.auth;

import dev.hookflow.hub.platform.config.HookflowConfig;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the management API ({@code /events/**}: listing, deliveries, replay) with {@code
 * hookflow.management-token}. Webhook intake and {@code /health} are not affected.
 */
@ServerFilter("/events/**")
public class ManagementAuthFilter {
  private static final String BEARER = "Bearer ";
  private final byte[] token;

  public ManagementAuthFilter(HookflowConfig hub) {
    this.token =
        hub.managementProtected()
            ? hub.getManagementToken().trim().getBytes(StandardCharsets.UTF_8)
            : null;
  }

  @RequestFilter
  public void authorize(HttpRequest<?> request) {
    if (token == null) {
      return;
    }
    String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
    byte[] given =
        header != null && header.startsWith(BEARER)
            ? header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    if (!MessageDigest.isEqual(token, given)) {
      throw new ProblemException(
          ProblemCode.UNAUTHORIZED,
          "Send Authorization: Bearer <HOOKFLOW_MANAGEMENT_TOKEN> to use /events");
    }
  }
}
