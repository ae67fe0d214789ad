package dev.hookflow.workflows.relay;

import dev.hookflow.workflows.event.WebhookEvent;
import java.util.List;

/**
 * What to relay and where.
 *
 * @param event the received event; its payload is what destinations get
 * @param targets the route's destinations, each retried on its own policy
 * @param delivered names of targets that already accepted this event in an earlier run; a replay of
 *     a dead letter sends only to the others (empty for a first run)
 */
public record RelayInput(WebhookEvent event, List<RelayTarget> targets, List<String> delivered) {

  public RelayInput {
    delivered = delivered == null ? List.of() : List.copyOf(delivered);
  }

  /** A first run: every target gets the event. */
  public RelayInput(WebhookEvent event, List<RelayTarget> targets) {
    this(event, targets, List.of());
  }

  /** The targets this run sends to. */
  public List<RelayTarget> pending() {
    return targets.stream().filter(target -> !delivered.contains(target.name())).toList();
  }
}
