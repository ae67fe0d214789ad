package dev.hookflow.hub.platform.error;

/**
 * An error answered as {@code application/problem+json}. The detail must never hold secrets,
 * signatures or stack traces: it is sent to the caller as is.
 */
public class ProblemException extends RuntimeException {

  private final ProblemCode code;
  private final Integer retryAfterSeconds;
  private volatile String eventId;

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
