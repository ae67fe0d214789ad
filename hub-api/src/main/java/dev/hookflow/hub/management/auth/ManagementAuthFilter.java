package dev.hookflow.hub.management.auth;

import dev.hookflow.hub.platform.config.HookflowConfig;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the management APIs with {@code hookflow.management-token}: {@code /events/**} (listing,
 * deliveries, replay) and the sending API {@code /api/v1/**} (except its health check). Without a
 * token {@code /events} is open (logged at start-up) while {@code /api/v1}, which can reveal
 * endpoint secrets, answers loopback clients only. Webhook intake and {@code /health} are not
 * affected.
 */
@ServerFilter({"/events/**", "/api/v1/**"})
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
    String path = request.getPath();
    boolean api = path.startsWith("/api/v1");
    if (api && (path.equals("/api/v1/health") || path.startsWith("/api/v1/health/"))) {
      return;
    }
    if (token == null) {
      if (api && !loopback(request)) {
        throw new ProblemException(
            ProblemCode.UNAUTHORIZED,
            "Set HOOKFLOW_MANAGEMENT_TOKEN on the hub to use /api/v1 from other hosts");
      }
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
          "Send Authorization: Bearer <HOOKFLOW_MANAGEMENT_TOKEN> to use "
              + (api ? "/api/v1" : "/events"));
    }
  }

  private static boolean loopback(HttpRequest<?> request) {
    InetSocketAddress remote = request.getRemoteAddress();
    return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
  }
}
