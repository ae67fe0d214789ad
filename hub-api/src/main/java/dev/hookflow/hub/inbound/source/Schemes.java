package dev.hookflow.hub.inbound.source;

import dev.hookflow.hub.inbound.verify.HmacVerifier;
import dev.hookflow.hub.inbound.verify.SignatureVerifier;
import dev.hookflow.hub.inbound.verify.SlackVerifier;
import dev.hookflow.hub.inbound.verify.StandardWebhooksVerifier;
import dev.hookflow.hub.inbound.verify.StripeVerifier;
import dev.hookflow.hub.inbound.verify.TokenVerifier;
import dev.hookflow.hub.inbound.verify.TwilioVerifier;
import dev.hookflow.hub.platform.config.SourceConfig;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The signature schemes Hookflow knows, by the name a source's {@code verifier} uses. */
final class Schemes {
  static final List<String> NAMES =
      List.of(
          "github", "stripe", "slack", "shopify", "twilio", "standard-webhooks", "hmac", "token");

  private static final java.util.Set<String> COMMON_KEYS =
      java.util.Set.of(
          "verifier", "secrets", "secret-variable", "event-id", "event-type", "max-body-bytes");

  /**
   * The settings a source of this scheme uses; any other is refused at start-up rather than
   * silently having no effect ({@code tolerance} on a scheme without a signed timestamp).
   */
  static java.util.Set<String> keys(String scheme) {
    java.util.Set<String> keys = new java.util.TreeSet<>(COMMON_KEYS);
    switch (scheme) {
      case "stripe", "slack", "standard-webhooks" -> keys.add("tolerance");
      case "hmac" -> keys.addAll(List.of("header", "algorithm", "encoding", "prefix"));
      case "token" -> keys.add("header");
      default -> {}
    }
    return keys;
  }

  private static final Map<String, String> HMAC_ALGORITHMS =
      Map.of("sha1", "HmacSHA1", "sha256", "HmacSHA256", "sha512", "HmacSHA512");

  private Schemes() {}

  /**
   * @throws IllegalArgumentException for an unknown scheme or settings it cannot use
   */
  static SignatureVerifier create(
      SourceConfig config, List<String> secrets, String publicUrl, Clock clock) {
    String scheme = normalize(config.getVerifier());
    return switch (scheme) {
      case "github" -> HmacVerifier.github(secrets);
      case "shopify" -> HmacVerifier.shopify(secrets);
      case "stripe" -> new StripeVerifier(secrets, config.getTolerance(), clock);
      case "slack" -> new SlackVerifier(secrets, config.getTolerance(), clock);
      case "standard-webhooks" ->
          new StandardWebhooksVerifier(secrets, config.getTolerance(), clock);
      case "twilio" -> new TwilioVerifier(publicUrl, secrets);
      case "token" -> new TokenVerifier(required(config.getHeader(), "header"), secrets);
      case "hmac" -> hmac(config, secrets);
      default ->
          throw new IllegalArgumentException(
              "unknown verifier '" + config.getVerifier() + "'; known: " + NAMES);
    };
  }

  static String normalize(String scheme) {
    if (scheme == null) {
      throw new IllegalArgumentException("no verifier set; known: " + NAMES);
    }
    String s = scheme.trim().toLowerCase(Locale.ROOT);
    return s.equals("standard") || s.equals("svix") ? "standard-webhooks" : s;
  }

  private static SignatureVerifier hmac(SourceConfig config, List<String> secrets) {
    String algorithm = HMAC_ALGORITHMS.get(config.getAlgorithm().toLowerCase(Locale.ROOT));
    if (algorithm == null) {
      throw new IllegalArgumentException("algorithm must be one of " + HMAC_ALGORITHMS.keySet());
    }
    HmacVerifier.Encoding encoding =
        switch (config.getEncoding().toLowerCase(Locale.ROOT)) {
          case "hex" -> HmacVerifier.Encoding.HEX;
          case "base64" -> HmacVerifier.Encoding.BASE64;
          default -> throw new IllegalArgumentException("encoding must be hex or base64");
        };
    return new HmacVerifier(
        required(config.getHeader(), "header"), algorithm, encoding, config.getPrefix(), secrets);
  }

  private static String required(String value, String setting) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("setting '" + setting + "' is required by this verifier");
    }
    return value;
  }
}
