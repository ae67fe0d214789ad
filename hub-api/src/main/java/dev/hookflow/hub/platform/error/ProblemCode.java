package dev.hookflow.hub.platform.error;

import io.micronaut.http.HttpStatus;

/**
 * Every error Hookflow answers with: a stable machine-readable {@code code} (the enum name in lower
 * case), its HTTP status and a human title. Clients match on the code, never the text.
 */
public enum ProblemCode {
  UNKNOWN_SOURCE(HttpStatus.NOT_FOUND, "Unknown webhook source"),
  INVALID_SIGNATURE(HttpStatus.UNAUTHORIZED, "Signature does not match"),
  UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Management token missing or wrong"),
  STALE_TIMESTAMP(HttpStatus.UNAUTHORIZED, "Signed timestamp outside the tolerance"),
  MISSING_HEADER(HttpStatus.BAD_REQUEST, "Required header missing"),
  MALFORMED_BODY(HttpStatus.BAD_REQUEST, "Body cannot be parsed"),
  MISSING_EVENT_ID(HttpStatus.BAD_REQUEST, "Event id not found in the request"),
  MISSING_EVENT_TYPE(HttpStatus.BAD_REQUEST, "Event type not found in the request"),
  INVALID_EVENT_ID(HttpStatus.BAD_REQUEST, "Event id too long or holding control characters"),
  INVALID_EVENT_TYPE(HttpStatus.BAD_REQUEST, "Event type too long or holding control characters"),
  PAYLOAD_TOO_LARGE(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Body larger than the hub accepts"),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content type not accepted"),
  ROUTE_TEMPLATE_UNRESOLVED(
      HttpStatus.UNPROCESSABLE_ENTITY,
      "A matching route cannot build its workflow id or message from the event"),
  INVALID_WORKFLOW_ID(
      HttpStatus.UNPROCESSABLE_ENTITY, "A matching route builds a workflow id Temporal refuses"),
  WORKFLOW_NOT_FOUND(HttpStatus.CONFLICT, "The workflow to signal is not running"),
  WORKFLOW_EXISTS(HttpStatus.CONFLICT, "The workflow id is held by a run of another event"),
  TEMPORAL_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Temporal did not accept the event"),
  DATABASE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The database did not accept the message"),
  APPLICATION_NOT_FOUND(HttpStatus.CONFLICT, "The application a route publishes to does not exist"),
  EVENT_NOT_FOUND(HttpStatus.NOT_FOUND, "No such event"),
  REPLAY_CONFLICT(HttpStatus.CONFLICT, "A delivery of the event is still running"),
  NOT_IMPLEMENTED(HttpStatus.NOT_IMPLEMENTED, "Not available on this Temporal"),
  CONFLICT(HttpStatus.CONFLICT, "Conflicts with what exists"),
  VALIDATION(HttpStatus.UNPROCESSABLE_ENTITY, "Request fields invalid"),
  PAYLOAD_SCHEMA_MISMATCH(
      HttpStatus.UNPROCESSABLE_ENTITY, "Payload does not match the event type's schema"),
  IDEMPOTENCY_IN_PROGRESS(HttpStatus.CONFLICT, "A request with this idempotency key is running"),
  IDEMPOTENCY_MISMATCH(
      HttpStatus.UNPROCESSABLE_ENTITY, "The idempotency key was used with another body"),
  NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
  BAD_REQUEST(HttpStatus.BAD_REQUEST, "Bad request"),
  INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

  private final HttpStatus status;
  private final String title;

  ProblemCode(HttpStatus status, String title) {
    this.status = status;
    this.title = title;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The wire form, for example {@code invalid_signature}. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The code a framework-level HTTP error maps to. */
  public static ProblemCode forStatus(HttpStatus status) {
    return switch (status) {
      case NOT_FOUND -> NOT_FOUND;
      case METHOD_NOT_ALLOWED -> METHOD_NOT_ALLOWED;
      case REQUEST_ENTITY_TOO_LARGE -> PAYLOAD_TOO_LARGE;
      case UNSUPPORTED_MEDIA_TYPE -> UNSUPPORTED_MEDIA_TYPE;
      case SERVICE_UNAVAILABLE -> TEMPORAL_UNAVAILABLE;
      default -> status.getCode() < 500 ? BAD_REQUEST : INTERNAL_ERROR;
    };
  }
}
