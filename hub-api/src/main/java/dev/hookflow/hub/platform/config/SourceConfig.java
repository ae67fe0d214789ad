package dev.hookflow.hub.platform.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One webhook source, {@code hookflow.sources.<name>}, served at {@code POST /webhooks/<name>}.
 *
 * <p>A source without secrets is off: it is not served and the start-up log says which variable to
 * set. Never served unverified.
 */
@EachProperty("hookflow.sources")
public class SourceConfig {

  private final String name;
  private String verifier;
  private List<String> secrets = new ArrayList<>();
  private String secretVariable;
  private String eventId;
  private String eventType;
  private Duration tolerance = Duration.ofMinutes(5);
  private int maxBodyBytes = 1024 * 1024;
  private String header;
  private String algorithm = "sha256";
  private String encoding = "hex";
  private String prefix = "";

  public SourceConfig(@Parameter String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  /**
   * The signature scheme: github, stripe, slack, shopify, twilio, standard-webhooks, hmac or token.
   * An unknown scheme stops the hub at start-up.
   */
  public String getVerifier() {
    return verifier;
  }

  public void setVerifier(String verifier) {
    this.verifier = verifier;
  }

  /**
   * Active secrets, newest first; several while a secret rotates. Each entry may itself be a
   * comma-separated list (as environment variables give them). Blank entries are ignored.
   */
  public List<String> getSecrets() {
    return secrets;
  }

  public void setSecrets(List<String> secrets) {
    this.secrets = secrets == null ? new ArrayList<>() : secrets;
  }

  /** The secrets as a clean list: split on commas, trimmed, blanks dropped. */
  public List<String> activeSecrets() {
    List<String> out = new ArrayList<>();
    for (String entry : secrets) {
      if (entry == null) {
        continue;
      }
      for (String part : entry.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  /** The environment variable that holds the secrets; only named in start-up logs. */
  public String getSecretVariable() {
    return secretVariable;
  }

  public void setSecretVariable(String secretVariable) {
    this.secretVariable = secretVariable;
  }

  /**
   * Where the event id comes from: {@code header:Name}, a JSON pointer {@code /id}, or {@code
   * const:text}; alternatives separated by {@code |} (first present wins), parts joined by {@code
   * +}.
   */
  public String getEventId() {
    return eventId;
  }

  public void setEventId(String eventId) {
    this.eventId = eventId;
  }

  /** Where the event type comes from, same syntax as {@link #getEventId()}. */
  public String getEventType() {
    return eventType;
  }

  public void setEventType(String eventType) {
    this.eventType = eventType;
  }

  /** Accepted clock difference for signed timestamps, either way (default 5 min). */
  public Duration getTolerance() {
    return tolerance;
  }

  public void setTolerance(Duration tolerance) {
    this.tolerance = tolerance;
  }

  /** Largest accepted body in bytes (default 1 MiB); larger bodies get 413. */
  public int getMaxBodyBytes() {
    return maxBodyBytes;
  }

  public void setMaxBodyBytes(int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /** hmac and token schemes: the header that carries the signature or token. */
  public String getHeader() {
    return header;
  }

  public void setHeader(String header) {
    this.header = header;
  }

  /** hmac scheme: sha1, sha256 (default) or sha512. */
  public String getAlgorithm() {
    return algorithm;
  }

  public void setAlgorithm(String algorithm) {
    this.algorithm = algorithm;
  }

  /** hmac scheme: hex (default) or base64. */
  public String getEncoding() {
    return encoding;
  }

  public void setEncoding(String encoding) {
    this.encoding = encoding;
  }

  /** hmac scheme: text before the signature in the header, such as {@code sha256=}. */
  public String getPrefix() {
    return prefix;
  }

  public void setPrefix(String prefix) {
    this.prefix = prefix == null ? "" : prefix;
  }
}
