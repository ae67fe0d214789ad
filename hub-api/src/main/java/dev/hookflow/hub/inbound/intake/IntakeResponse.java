package dev.hookflow.hub.inbound.intake;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.hookflow.hub.inbound.dispatch.Delivery;
import java.util.List;

/** The {@code 202} body: what happened to one webhook. */
public record IntakeResponse(
    String eventId, String source, String type, Status status, List<Delivery> deliveries) {

  public enum Status {
    /** At least one delivery started or signaled a workflow. */
    ACCEPTED,
    /** Every delivery found the event already delivered. */
    DUPLICATE,
    /** Verified, but no route matched: nothing started. */
    IGNORED;

    @JsonValue
    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static Status statusOf(List<Delivery> deliveries) {
    if (deliveries.isEmpty()) {
      return Status.IGNORED;
    }
    boolean allDuplicate =
        deliveries.stream().allMatch(d -> d.outcome() == Delivery.Outcome.DUPLICATE);
    return allDuplicate ? Status.DUPLICATE : Status.ACCEPTED;
  }
}
