package dev.hookflow.hub.outbound.api;

import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.platform.error.ProblemException;
import dev.hookflow.hub.platform.error.Problems;
import dev.hookflow.store.IdempotentRequests;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * POSTs with an {@code idempotency-key} header (the official clients send one on every POST): a
 * repeat of the key by the same token on the same path within 24 h gets the first answer, 409 while
 * the first is still running, 422 when its body differs. A 5xx is never kept, so a retry runs
 * again. The key is scoped by a hash of the caller's token, never the token itself.
 */
@Singleton
public class Idempotency {
  private final IdempotentRequests keys;
  private final ApiJson json;
  private final Clock clock = Clock.systemUTC();

  public Idempotency(IdempotentRequests keys, ApiJson json) {
    this.keys = keys;
    this.json = json;
  }

  public MutableHttpResponse<?> post(HttpRequest<?> request, String body, Supplier<Answer> action) {
    String key = request.getHeaders().get("idempotency-key");
    if (key == null || key.isBlank()) {
      return respond(action.get());
    }
    String token = sha256(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
    String path =
        request.getPath()
            + (request.getUri().getRawQuery() == null ? "" : "?" + request.getUri().getRawQuery());
    String bodyHash = sha256(body);
    Optional<IdempotentRequests.Claim> earlier =
        keys.claim(token, key, path, bodyHash, clock.instant());
    if (earlier.isPresent()) {
      IdempotentRequests.Claim claim = earlier.get();
      if (!claim.bodyHash().equals(bodyHash)) {
        throw new ProblemException(
            ProblemCode.IDEMPOTENCY_MISMATCH,
            "This idempotency-key was used with a different body on this path");
      }
      if (!claim.finished()) {
        throw new ProblemException(
            ProblemCode.IDEMPOTENCY_IN_PROGRESS,
            "A request with this idempotency-key is still running; retry later");
      }
      MutableHttpResponse<Object> replay =
          HttpResponse.status(io.micronaut.http.HttpStatus.valueOf(claim.status()));
      if (claim.response() != null) {
        replay.contentType(MediaType.APPLICATION_JSON_TYPE).body(claim.response());
      }
      return replay;
    }
    try {
      Answer answer = action.get();
      keys.finish(
          token,
          key,
          path,
          answer.status(),
          answer.body() == null ? null : json.write(answer.body()));
      return respond(answer);
    } catch (ProblemException e) {
      if (e.code().status().getCode() >= 500) {
        keys.forget(token, key, path);
      } else {
        keys.finish(
            token,
            key,
            path,
            e.code().status().getCode(),
            json.write(Problems.svixBody(e.code(), e.getMessage(), e.errors())));
      }
      throw e;
    } catch (RuntimeException e) {
      keys.forget(token, key, path);
      throw e;
    }
  }

  public static MutableHttpResponse<?> respond(Answer answer) {
    MutableHttpResponse<Object> response =
        HttpResponse.status(io.micronaut.http.HttpStatus.valueOf(answer.status()));
    if (answer.body() != null) {
      response.contentType(MediaType.APPLICATION_JSON_TYPE).body(answer.body());
    }
    return response;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest((text == null ? "" : text).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
