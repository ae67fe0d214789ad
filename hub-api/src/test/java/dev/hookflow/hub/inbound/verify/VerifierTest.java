package dev.hookflow.hub.inbound.verify;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.net.Webhook;
import com.twilio.security.RequestValidator;
import dev.hookflow.hub.platform.error.ProblemCode;
import dev.hookflow.hub.testing.TestSigner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VerifierTest {
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  static Clock clockAt(long epochSeconds) {
    return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
  }

  static RawWebhook request(String contentType, String body, String... headerPairs) {
    return requestTo("/webhooks/test", null, contentType, body, headerPairs);
  }

  static RawWebhook requestTo(
      String path, String query, String contentType, String body, String... headerPairs) {
    Map<String, List<String>> headers = new HashMap<>();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.put(headerPairs[i].toLowerCase(Locale.ROOT), List.of(headerPairs[i + 1]));
    }
    return new RawWebhook(path, query, headers, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  static ProblemCode failure(SignatureVerifier verifier, RawWebhook request) {
    return assertThrows(VerificationException.class, () -> verifier.verify(request)).code();
  }

  @Nested
  class GitHub {
    static final String SECRET = "It's a Secret to Everybody";
    static final String VECTOR =
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    final SignatureVerifier verifier = HmacVerifier.github(List.of(SECRET));

    @Test
    void shouldAcceptPublishedVector() {
      assertDoesNotThrow(
          () ->
              verifier.verify(
                  request("application/json", "Hello, World!", "X-Hub-Signature-256", VECTOR)));
    }

    @Test
    void shouldRejectTamperedBody() {
      assertEquals(
          ProblemCode.INVALID_SIGNATURE,
          failure(
              verifier,
              request("application/json", "Hello, World?", "X-Hub-Signature-256", VECTOR)));
    }

    @Test
    void shouldRejectWrongSecret() {
      SignatureVerifier other = HmacVerifier.github(List.of("not it"));
      assertEquals(
          ProblemCode.INVALID_SIGNATURE,
          failure(
              other, request("application/json", "Hello, World!", "X-Hub-Signature-256", VECTOR)));
    }

    @Test
    void shouldAcceptRotatedSecondSecret() {
      SignatureVerifier rotating = HmacVerifier.github(List.of("the new one", SECRET));
      assertDoesNotThrow(
          () ->
              rotating.verify(
                  request("application/json", "Hello, World!", "X-Hub-Signature-256", VECTOR)));
    }

    @Test
    void shouldRejectMissingHeader() {
      assertEquals(
          ProblemCode.MISSING_HEADER,
          failure(verifier, request("application/json", "Hello, World!")));
    }

    @Test
    void shouldRejectSignatureWithoutPrefixOrGarbage() {
      assertEquals(
          ProblemCode.INVALID_SIGNATURE,
          failure(
              verifier,
              request(
                  "application/json",
                  "Hello, World!",
                  "X-Hub-Signature-256",
                  VECTOR.substring(7))));
      assertEquals(
          ProblemCode.INVALID_SIGNATURE,
          failure(
              verifier,
              request("application/json", "Hello, World!", "X-Hub-Signature-256", "sha256=zz")));
    }
  }

  @Nested
  class Slack {
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final long TS = 1531420618;
    static final String BODY =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    static final String VECTOR =
        "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    static final String FORM = "application/x-www-form-urlencoded";

    SignatureVerifier at(long now, String... secrets) {
      return new SlackVerifier(List.of(secrets), FIVE_MINUTES, clockAt(now));
    }

    RawWebhook signed(String body, String signature, long ts) {
      return request(
          FORM,
          body,
          "X-Slack-Signature",
          signature,
          "X-Slack-Request-Timestamp",
          Long.toString(ts));
    }

    @Test
    void shouldAcceptPublishedVector() {
      assertDoesNotThrow(() -> at(TS + 10, SECRET).verify(signed(BODY, VECTOR, TS)));
    }

    @Test
    void shouldRejectTamperedBodyAndWrongSecret() {
      assertEquals(
          ProblemCode.INVALID_SIGNATURE, failure(at(TS, SECRET), signed(BODY + "x", VECTOR, TS)));
      assertEquals(
          ProblemCode.INVALID_SIGNATURE, failure(at(TS, "wrong"), signed(BODY, VECTOR, TS)));
    }

    @Test
    void shouldRejectStaleAndFutureTimestamps() {
      assertEquals(
          ProblemCode.STALE_TIMESTAMP, failure(at(TS + 301, SECRET), signed(BODY, VECTOR, TS)));
      assertEquals(
          ProblemCode.STALE_TIMESTAMP, failure(at(TS - 301, SECRET), signed(BODY, VECTOR, TS)));
      assertDoesNotThrow(() -> at(TS - 300, SECRET).verify(signed(BODY, VECTOR, TS)));
    }

    @Test
    void shouldRejectReplayedSignatureUnderNewTimestamp() {
      assertEquals(
          ProblemCode.INVALID_SIGNATURE,
          failure(at(TS + 100, SECRET), signed(BODY, VECTOR, TS + 100)));
    }

    @Test
    void shouldAcceptRotatedSecret() {
      assertDoesNotThrow(() -> at(TS, "newer", SECRET).verify(signed(BODY, VECTOR, TS)));
    }

    @Test
    void shouldRejectMissingHeaders() {
      assertEquals(
          ProblemCode.MISSING_HEADER,
          failure(at(TS, SECRET), request(FORM, BODY, "X-Slack-Signature", VECTOR)));
      assertEquals(
          ProblemCode.MISSING_HEADER,
          failure(at(TS, SECRET), request(FORM, BODY, "X-Slack-Request-Timestamp", "1531420618")));
    }
  }

  @Nested
  class StandardWebhooks {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String PUBLIC_KEY = "whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TS = 1614265330;
    static final String BODY = "{\"test\": 2432232314}";
    static final String V1 = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    static final String V1A =
        "v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==";

    SignatureVerifier at(long now, String... secrets) {
      return new StandardWebhooksVerifier(List.of(secrets), FIVE_MINUTES, clockAt(now));
    }

    RawWebhook signed(String prefix, String body, String signature, long ts) {
      return request(
          "application/json",
          body,
          prefix + "-id",
          ID,
          prefix + "-timestamp",
          Long.toString(ts),
          prefix + "-signature",
          signature);
    }

    @Test
    void shouldAcceptPublishedV1VectorUnderBothHeaderNames() {
      assertDoesNotThrow(() -> at(TS, SECRET).verify(signed("webhook", BODY, V1, TS)));
      assertDoesNotThrow(() -> at(TS, SECRET).verify(signed("svix", BODY, V1, TS)));
    }

    @Test
    void shouldAcceptPublishedV1aEd25519Vector() {
      assertDoesNotThrow(() -> at(TS, PUBLIC_KEY).verify(signed("webhook", BODY, V1A, TS)));
      assertEquals(
          ProblemCode.INVALID_SIGNATURE,
          failure(at(TS, PUBLIC_KEY), signed("webhook", BODY.replace('2', '3'), V1A, TS)));
    }

    @Test
    void shouldAcceptGoodSignatureBesideExtraBadOne() {
      String header = "v1,Zm9vYmFyYmF6 v1,bm90IGl0IGF0IGFsbA== " + V1;
      assertDoesNotThrow(() -> at(TS, SECRET).verify(signed("webhook", BODY, header, TS)));
    }

    @Test
    void shouldRejectOnlyBadSignatures() {
      assertEquals(
          ProblemCode.INVALID_SIGNATURE,
          failure(at(TS, SECRET), signed("webhook", BODY, "v1,Zm9vYmFyYmF6 v2,abc", TS)));
    }

    @Test
    void shouldRejectTamperedBodyWrongSecretStaleAndFuture() {
      assertEquals(
          ProblemCode.INVALID_SIGNATURE,
          failure(at(TS, SECRET), signed("webhook", BODY + " ", V1, TS)));
      assertEquals(
          ProblemCode.INVALID_SIGNATURE,
          failure(
              at(TS, "whsec_" + TestSigner.b64("another key".getBytes())),
              signed("webhook", BODY, V1, TS)));
      assertEquals(
          ProblemCode.STALE_TIMESTAMP,
          failure(at(TS + 301, SECRET), signed("webhook", BODY, V1, TS)));
      assertEquals(
          ProblemCode.STALE_TIMESTAMP,
          failure(at(TS - 301, SECRET), signed("webhook", BODY, V1, TS)));
    }

    @Test
    void shouldAcceptRotatedSecretAndFreshKeyPair() throws Exception {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] encoded = pair.getPublic().getEncoded();
      String whpk =
          "whpk_"
              + TestSigner.b64(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
      String signature = TestSigner.standardV1a(pair.getPrivate(), ID, TS, BODY);
      assertDoesNotThrow(() -> at(TS, SECRET, whpk).verify(signed("webhook", BODY, signature, TS)));
      assertDoesNotThrow(
          () ->
              at(TS, "whsec_" + TestSigner.b64(new byte[24]), SECRET)
                  .verify(signed("webhook", BODY, V1, TS)));
    }

    @Test
    void shouldRejectMissingHeaders() {
      assertEquals(
          ProblemCode.MISSING_HEADER,
          failure(
              at(TS, SECRET),
              request("application/json", BODY, "webhook-id", ID, "webhook-signature", V1)));
    }

    @Test
    void shouldRefuseSecretsOfNeitherForm() {
      assertThrows(IllegalArgumentException.class, () -> at(TS, "plain-secret"));
    }
  }

  @Nested
  class Stripe {
    static final String SECRET = "whsec_test_secret_for_hookflow";
    static final String BODY = "{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\"}";
    static final long TS = 1_700_000_000L;

    SignatureVerifier at(long now, String... secrets) {
      return new StripeVerifier(List.of(secrets), FIVE_MINUTES, clockAt(now));
    }

    @Test
    void shouldAgreeWithStripeSdkOnItsOwnSignature() throws Exception {
      String header = "t=" + TS + ",v1=" + Webhook.Util.computeHmacSha256(SECRET, TS + "." + BODY);
      assertTrue(Webhook.Signature.verifyHeader(BODY, header, SECRET, 300, clockAt(TS)));
      assertEquals(header, TestSigner.stripe(SECRET, TS, BODY));
      assertDoesNotThrow(
          () ->
              at(TS, SECRET).verify(request("application/json", BODY, "Stripe-Signature", header)));
    }

    @Test
    void shouldAcceptAnyV1AndIgnoreV0() {
      String good = TestSigner.stripe(SECRET, TS, BODY);
      String header =
          "t="
              + TS
              + ",v0=deadbeef,v1="
              + "ab".repeat(32)
              + ","
              + good.substring(good.indexOf("v1="));
      assertDoesNotThrow(
          () ->
              at(TS, SECRET).verify(request("application/json", BODY, "Stripe-Signature", header)));
    }

    @Test
    void shouldRejectTamperedWrongSecretStaleFutureAndMissing() {
      String header = TestSigner.stripe(SECRET, TS, BODY);
      assertEquals(
          ProblemCode.INVALID_SIGNATURE,
          failure(
              at(TS, SECRET), request("application/json", BODY + " ", "Stripe-Signature", header)));
      assertEquals(
          ProblemCode.INVALID_SIGNATURE,
          failure(
              at(TS, "whsec_other"),
              request("application/json", BODY, "Stripe-Signature", header)));
      assertEquals(
          ProblemCode.STALE_TIMESTAMP,
          failure(
              at(TS + 301, SECRET), request("application/json", BODY, "Stripe-Signature", header)));
      assertEquals(
          ProblemCode.STALE_TIMESTAMP,
          failure(
              at(TS - 301, SECRET), request("application/json", BODY, "Stripe-Signature", header)));
      assertEquals(
          ProblemCode.MISSING_HEADER, failure(at(TS, SECRET), request("application/json", BODY)));
      assertEquals(
          ProblemCode.INVALID_SIGNATURE,
          failure(
              at(TS, SECRET), request("application/json", BODY, "Stripe-Signature", "t=" + TS)));
    }

    @Test
    void shouldAcceptRotatedSecret() {
      String header = TestSigner.stripe(SECRET, TS, BODY);
      assertDoesNotThrow(
          () ->
              at(TS, "whsec_newer", SECRET)
                  .verify(request("application/json", BODY, "Stripe-Signature", header)));
    }
  }

  @Nested
  class Shopify {
    @Test
    void shouldAcceptBase64HmacAndRejectOthers() {
      String body = "{\"id\":820982911946154508}";
      SignatureVerifier verifier = HmacVerifier.shopify(List.of("old", "shpss_secret"));
      String signature = TestSigner.shopify("shpss_secret", body);
      assertDoesNotThrow(
          () ->
              verifier.verify(
                  request("application/json", body, "X-Shopify-Hmac-Sha256", signature)));
      assertEquals(
          ProblemCode.INVALID_SIGNATURE,
          failure(
              verifier,
              request("application/json", body + "1", "X-Shopify-Hmac-Sha256", signature)));
      assertEquals(
          ProblemCode.MISSING_HEADER, failure(verifier, request("application/json", body)));
    }
  }

  @Nested
  class Twilio {
    static final String TOKEN = "12345";
    static final String VECTOR = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    static final Map<String, String> PARAMS = new LinkedHashMap<>();

    static {
      PARAMS.put("CallSid", "CA1234567890ABCDE");
      PARAMS.put("Caller", "+14158675309");
      PARAMS.put("Digits", "1234");
      PARAMS.put("From", "+14158675309");
      PARAMS.put("To", "+18005551212");
    }

    static String form(Map<String, String> params) {
      return params.entrySet().stream()
          .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
          .collect(Collectors.joining("&"));
    }

    @Test
    void shouldAcceptPublishedVector() {
      SignatureVerifier verifier = new TwilioVerifier("https://mycompany.com", List.of(TOKEN));
      RawWebhook request =
          requestTo(
              "/myapp.php",
              "foo=1&bar=2",
              "application/x-www-form-urlencoded",
              form(PARAMS),
              "X-Twilio-Signature",
              VECTOR);
      assertDoesNotThrow(() -> verifier.verify(request));
      assertTrue(
          new RequestValidator(TOKEN)
              .validate("https://mycompany.com/myapp.php?foo=1&bar=2", PARAMS, VECTOR));
    }

    @Test
    void shouldRejectChangedParameterWrongTokenAndMissingHeader() {
      Map<String, String> changed = new LinkedHashMap<>(PARAMS);
      changed.put("Digits", "9999");
      RawWebhook tampered =
          requestTo(
              "/myapp.php",
              "foo=1&bar=2",
              "application/x-www-form-urlencoded",
              form(changed),
              "X-Twilio-Signature",
              VECTOR);
      assertEquals(
          ProblemCode.INVALID_SIGNATURE,
          failure(new TwilioVerifier("https://mycompany.com", List.of(TOKEN)), tampered));
      RawWebhook good =
          requestTo(
              "/myapp.php",
              "foo=1&bar=2",
              "application/x-www-form-urlencoded",
              form(PARAMS),
              "X-Twilio-Signature",
              VECTOR);
      assertEquals(
          ProblemCode.INVALID_SIGNATURE,
          failure(new TwilioVerifier("https://mycompany.com", List.of("54321")), good));
      assertDoesNotThrow(
          () -> new TwilioVerifier("https://mycompany.com/", List.of("54321", TOKEN)).verify(good));
      assertEquals(
          ProblemCode.MISSING_HEADER,
          failure(
              new TwilioVerifier("https://mycompany.com", List.of(TOKEN)),
              requestTo("/myapp.php", null, "application/x-www-form-urlencoded", form(PARAMS))));
    }

    @Test
    void shouldVerifyJsonBodyThroughBodySha256() throws Exception {
      String body = "{\"property\":\"value\",\"boolean\":true}";
      String query = "bodySHA256=" + TestSigner.sha256Hex(body);
      String url = "https://hooks.example.com/webhooks/twilio?" + query;
      String signature = TestSigner.twilio(TOKEN, url, Map.of());
      assertTrue(new RequestValidator(TOKEN).validate(url, body, signature));
      SignatureVerifier verifier = new TwilioVerifier("https://hooks.example.com", List.of(TOKEN));
      assertDoesNotThrow(
          () ->
              verifier.verify(
                  requestTo(
                      "/webhooks/twilio",
                      query,
                      "application/json",
                      body,
                      "X-Twilio-Signature",
                      signature)));
      assertEquals(
          ProblemCode.INVALID_SIGNATURE,
          failure(
              verifier,
              requestTo(
                  "/webhooks/twilio",
                  query,
                  "application/json",
                  body + " ",
                  "X-Twilio-Signature",
                  signature)));
    }
  }

  @Nested
  class GenericHmacAndToken {
    static Stream<Arguments> schemes() {
      return Stream.of(
          Arguments.of("HmacSHA1", HmacVerifier.Encoding.HEX, "sha1="),
          Arguments.of("HmacSHA256", HmacVerifier.Encoding.BASE64, ""),
          Arguments.of("HmacSHA512", HmacVerifier.Encoding.HEX, ""));
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void shouldVerifyConfiguredHmac(
        String algorithm, HmacVerifier.Encoding encoding, String prefix) {
      String body = "{\"a\":1}";
      byte[] mac = TestSigner.hmac(algorithm, "k".getBytes(StandardCharsets.UTF_8), body);
      String value =
          prefix
              + (encoding == HmacVerifier.Encoding.HEX ? TestSigner.hex(mac) : TestSigner.b64(mac));
      SignatureVerifier verifier =
          new HmacVerifier("X-Sig", algorithm, encoding, prefix, List.of("k"));
      assertDoesNotThrow(() -> verifier.verify(request("application/json", body, "X-Sig", value)));
      assertEquals(
          ProblemCode.INVALID_SIGNATURE,
          failure(verifier, request("application/json", "{\"a\":2}", "X-Sig", value)));
    }

    @Test
    void shouldCompareSharedToken() {
      SignatureVerifier verifier = new TokenVerifier("X-Gitlab-Token", List.of("t1", "t2"));
      assertDoesNotThrow(
          () -> verifier.verify(request("application/json", "{}", "X-Gitlab-Token", "t2")));
      assertEquals(
          ProblemCode.INVALID_SIGNATURE,
          failure(verifier, request("application/json", "{}", "X-Gitlab-Token", "t3")));
      assertEquals(
          ProblemCode.MISSING_HEADER, failure(verifier, request("application/json", "{}")));
    }
  }
}
