package dev.hookflow.activities.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookflow.activities.testing.ScriptedDownstream;
import dev.hookflow.activities.testing.WorkerFixture;
import dev.hookflow.workflows.policy.FailureTypes;
import io.micronaut.http.HttpMethod;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP activity layer on its own: classification, Retry-After, failures, signing. */
class HttpLayerTest {

  @ActivityInterface
  public interface Probe {
    @ActivityMethod(name = "Probe")
    int probe(String url);
  }

  private DownstreamHttp http;
  private TestActivityEnvironment env;

  @BeforeEach
  void start() {
    http = new DownstreamHttp(Clock.systemUTC(), type -> Duration.ofMinutes(5));
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        (Probe)
            url ->
                http.call(
                        WorkerFixture.downstream("inventory", URI.create(url)),
                        HttpMethod.POST,
                        "/reservations?token=hidden",
                        "{}".getBytes(StandardCharsets.UTF_8),
                        Map.of(),
                        "POST /reservations")
                    .status());
  }

  @AfterEach
  void stop() {
    env.close();
    http.close();
  }

  private ApplicationFailure failureOf(String url) {
    Probe probe =
        env.newActivityStub(
            Probe.class,
            io.temporal.activity.ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(20))
                .setRetryOptions(
                    io.temporal.common.RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    RuntimeException e = assertThrows(RuntimeException.class, () -> probe.probe(url));
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        return app;
      }
    }
    throw new AssertionError("no ApplicationFailure in " + e);
  }

  @ParameterizedTest
  @CsvSource({
    "200,SUCCESS",
    "201,SUCCESS",
    "204,SUCCESS",
    "400,REJECT",
    "401,REJECT",
    "403,REJECT",
    "404,REJECT",
    "410,REJECT",
    "422,REJECT",
    "408,RETRY",
    "409,RETRY",
    "425,RETRY",
    "429,RETRY",
    "500,RETRY",
    "502,RETRY",
    "503,RETRY",
    "504,RETRY"
  })
  void shouldClassifyStatus(int status, ResponseClassifier.Outcome outcome) {
    assertEquals(outcome, ResponseClassifier.classify(status));
  }

  @Test
  void shouldPercentEncodeOnlyWhatHeaderValuesCannotCarry() {
    assertEquals("order-42/1", DownstreamHttp.headerSafe("order-42/1"));
    assertEquals("a b%25c%0A/1", DownstreamHttp.headerSafe("a b%c\n/1"));
    assertEquals("order-%C3%BC%F0%9F%93%A6/2", DownstreamHttp.headerSafe("order-ü\uD83D\uDCE6/2"));
    assertEquals("%20edge%20", DownstreamHttp.headerSafe(" edge "));
    assertFalse(DownstreamHttp.headerSafe("a%20b").equals(DownstreamHttp.headerSafe("a b")));
  }

  @Test
  void shouldReadRetryAfterAsSecondsOrHttpDate() {
    Instant now = Instant.parse("2026-11-22T10:00:00Z");
    assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse("7", now));
    assertEquals(
        Optional.of(Duration.ofSeconds(90)),
        RetryAfter.parse("Sun, 22 Nov 2026 10:01:30 GMT", now));
    assertEquals(
        Optional.of(Duration.ZERO), RetryAfter.parse("Sun, 22 Nov 2026 09:00:00 GMT", now));
    assertEquals(Optional.empty(), RetryAfter.parse("soon", now));
    assertEquals(Optional.empty(), RetryAfter.parse(null, now));
  }

  @Test
  void shouldNameDownstreamStatusAndExcerptButNoCredentialsWhenRejected() throws Exception {
    try (ScriptedDownstream server = new ScriptedDownstream(System::currentTimeMillis)) {
      server.always(
          "POST /reservations",
          ScriptedDownstream.Answer.json(403, "{\"error\":\"" + "x".repeat(500) + "\"}"));
      ApplicationFailure failure = failureOf(server.url().toString());
      assertEquals(FailureTypes.DOWNSTREAM_REJECTED, failure.getType());
      assertTrue(failure.isNonRetryable());
      String message = failure.getOriginalMessage();
      assertTrue(
          message.startsWith("inventory POST /reservations answered 403: {\"error\""), message);
      assertTrue(message.length() < 300, "excerpt is short: " + message.length());
      assertFalse(message.contains("s3cr3t"), message);
      assertFalse(message.contains("hidden"), message);
      assertEquals("Bearer s3cr3t-inventory", server.calls().get(0).header("Authorization"));
    }
  }

  @Test
  void shouldMaskCredentialTheDownstreamEchoesInItsAnswer() throws Exception {
    try (ScriptedDownstream server = new ScriptedDownstream(System::currentTimeMillis)) {
      // Some services quote the credential they refused; that text reaches logs and history.
      server.always(
          "POST /reservations",
          ScriptedDownstream.Answer.json(
              401,
              "{\"error\":\"invalid token s3cr3t-inventory\",\n \"got\":\"Bearer   s3cr3t-inventory\"}"));
      ApplicationFailure failure = failureOf(server.url().toString());
      String message = failure.getOriginalMessage();
      assertEquals(FailureTypes.DOWNSTREAM_REJECTED, failure.getType());
      assertFalse(message.contains("s3cr3t"), message);
      assertTrue(message.contains("invalid token [redacted]"), message);
    }
  }

  @Test
  void shouldMaskCredentialInAnswerMissingItsField() {
    Downstream inventory = WorkerFixture.downstream("inventory", URI.create("http://127.0.0.1:1"));
    DownstreamHttp.Answer answer =
        new DownstreamHttp.Answer(
            200,
            "{\"note\":\"hello s3cr3t-inventory\"}".getBytes(StandardCharsets.UTF_8),
            inventory);
    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class,
            () -> Json.required(answer, "reservationId", "inventory POST /reservations"));
    assertEquals(FailureTypes.DOWNSTREAM_BAD_ANSWER, failure.getType());
    assertFalse(failure.getOriginalMessage().contains("s3cr3t"), failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains("[redacted]"), failure.getOriginalMessage());
  }

  @Test
  void shouldRetryWhenConnectionIsRefused() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ApplicationFailure failure = failureOf("http://127.0.0.1:" + port);
    assertEquals(FailureTypes.DOWNSTREAM_UNREACHABLE, failure.getType());
    assertFalse(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().startsWith("inventory POST /reservations: no answer"));
  }

  @Test
  void shouldRetryWhenHostDoesNotResolve() {
    // Resolved from the test hosts file (surefire sets it), so no DNS query leaves the machine.
    assertTrue(
        System.getProperty("jdk.net.hosts.file", "").endsWith("loopback-hosts"),
        "the test must not ask a real DNS server");
    ApplicationFailure failure = failureOf("http://hookflow-no-such-host.invalid");
    assertEquals(FailureTypes.DOWNSTREAM_UNREACHABLE, failure.getType());
    assertFalse(failure.isNonRetryable());
  }
}
