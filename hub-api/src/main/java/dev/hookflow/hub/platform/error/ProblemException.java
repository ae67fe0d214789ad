package dev.hookflow.hub.platform.error;

/**
 * An error answered as {@code application/problem+json}. The detail must never hold secrets,
 * signatures or stack traces: it is sent to the caller as is.
 */
public class ProblemException extends RuntimeException {

  private final ProblemCode code;
  private final Integer retryAfterSeconds;
  private volatile String eventId;
  private volatile java.util.List<ValidationError> errors = java.util.List.of();

  /**
   * One invalid field, in the shape the Svix API (and its SDKs) use for 422: where ({@code loc},
   * for example {@code ["body", "url"]}), what is wrong ({@code msg}) and a kind ({@code type}).
   */
  public record ValidationError(java.util.List<String> loc, String msg, String type) {}

  /** A 422 listing every invalid field. */
  public static ProblemException invalid(
      ProblemCode code, String summary, java.util.List<ValidationError> errors) {
    ProblemException e = new ProblemException(code, summary);
    e.errors = java.util.List.copyOf(errors);
    return e;
  }

  /** The invalid fields of a 422, empty otherwise. */
  public java.util.List<ValidationError> errors() {
    return errors;
  }

  public ProblemException(ProblemCode code, String detail) {
    this(code, detail, null, null);
  }

  public ProblemException(
      ProblemCode code, String detail, Integer retryAfterSeconds, Throwable cause) {
    super(detail, cause, false, false);
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public ProblemCode code() {
    return code;
  }

  /** Seconds for a {@code Retry-After} header, or null. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** Notes the id of the event this refusal is about (for the log, not the answer). */
  public ProblemException aboutEvent(String eventId) {
    if (this.eventId == null) {
      this.eventId = eventId;
    }
    return this;
  }

  /** The id of the refused event when intake had read it, else null. */
  public String eventId() {
    return eventId;
  }
}
