package dev.hookflow.signatures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The published Standard Webhooks vectors, both directions, and the one key check. */
class StandardWebhooksTest {
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  static final String V1 = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  static final String V1A =
      "v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==";

  @Test
  void shouldSignThePublishedVector() {
    assertEquals(V1, StandardWebhooks.signing(SECRET).sign(ID, 1614265330, BODY));
  }

  @Test
  void shouldVerifyV1AndV1aAmongSeveralAndRefuseATamperedBody() {
    StandardWebhooks keys =
        StandardWebhooks.verifying(
            List.of(
                "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]),
                SECRET,
                "whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4="));
    assertTrue(keys.verify(ID, "1614265330", "v1,bm90LWl0 " + V1, BODY));
    assertTrue(keys.verify(ID, "1614265330", V1A, BODY));
    assertFalse(keys.verify(ID, "1614265330", V1, "{\"test\": 1}".getBytes()));
    assertFalse(keys.verify(ID, "1614265331", V1, BODY), "the timestamp is signed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"whsec_", "whsec_***", "sk_live_x", ""})
  void shouldRefuseAMalformedSecretInBothDirectionsWithoutEchoingIt(String secret) {
    String signing =
        assertThrows(IllegalArgumentException.class, () -> StandardWebhooks.signing(secret))
            .getMessage();
    String verifying =
        assertThrows(
                IllegalArgumentException.class, () -> StandardWebhooks.verifying(List.of(secret)))
            .getMessage();
    if (secret.length() > 6) {
      assertFalse(signing.contains(secret) || verifying.contains(secret), signing + verifying);
    }
  }

  @Test
  void shouldSignOnlyWithAKeyOfSixteenBytesButTakeASendersShorterKey() {
    String shortKey = "whsec_c2hvcnQ="; // "short", 5 bytes
    assertThrows(IllegalArgumentException.class, () -> StandardWebhooks.signing(shortKey));
    String signature =
        "v1,"
            + java.util.Base64.getEncoder()
                .encodeToString(
                    new Hmac("HmacSHA256", "short".getBytes(StandardCharsets.UTF_8))
                        .sign("id.1.".getBytes(StandardCharsets.UTF_8), BODY));
    assertTrue(StandardWebhooks.verifying(List.of(shortKey)).verify("id", "1", signature, BODY));
  }

  @Test
  void shouldJudgeTimestampsAgainstTheClock() {
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_000_000), ZoneOffset.UTC);
    assertTrue(Timestamps.isFresh(1_000_000 - 300, clock, Duration.ofMinutes(5)));
    assertFalse(Timestamps.isFresh(1_000_000 + 301, clock, Duration.ofMinutes(5)));
    assertTrue(Timestamps.parseSeconds("x1").isEmpty());
  }
}
