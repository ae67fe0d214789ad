package dev.hookflow.hub.outbound.api;

/** What a management API call answers: a status and a JSON body (null for none). */
public record Answer(int status, Object body) {
  public static Answer ok(Object body) {
    return new Answer(200, body);
  }

  public static Answer created(Object body) {
    return new Answer(201, body);
  }

  public static Answer accepted(Object body) {
    return new Answer(202, body);
  }

  public static Answer noContent() {
    return new Answer(204, null);
  }
}
