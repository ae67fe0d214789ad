package dev.hookflow.hub.management.replay;

import dev.hookflow.workflows.delivery.DeliveryInput;
import dev.hookflow.workflows.delivery.DeliveryWorkflow;
import dev.hookflow.workflows.policy.ActivityNames;
import dev.hookflow.workflows.relay.DeliveryReceipt;
import dev.hookflow.workflows.relay.RelayInput;
import dev.hookflow.workflows.relay.RelayTarget;
import dev.hookflow.workflows.relay.RelayWorkflow;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DataConverter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Narrows the replay of a failed relay to the destinations that have not accepted the event: the
 * ones that did (in the replayed run or before it) are not sent it again. A relay whose every
 * destination accepted (a completed run) is replayed to all of them, which is what an operator
 * asking to resend means.
 */
final class RelayReplay {
  private RelayReplay() {}

  static boolean applies(String workflowType) {
    return RelayWorkflow.TYPE.equals(workflowType);
  }

  /**
   * @param input the replayed run's input (one {@link RelayInput})
   * @param history the replayed run's whole history
   * @return the input for the new run: the same event and targets, and which ones to skip
   */
  static Payloads undeliveredOnly(Payloads input, List<HistoryEvent> history) {
    DataConverter converter = DataConverter.getDefaultInstance();
    RelayInput relay =
        converter.fromPayloads(0, Optional.of(input), RelayInput.class, RelayInput.class);
    Set<String> accepted = new LinkedHashSet<>(relay.delivered());
    accepted.addAll(accepted(history, converter));
    boolean all = relay.targets().stream().map(RelayTarget::name).allMatch(accepted::contains);
    List<String> skip =
        all
            ? List.of()
            : relay.targets().stream().map(RelayTarget::name).filter(accepted::contains).toList();
    return converter.toPayloads(new RelayInput(relay.event(), relay.targets(), skip)).orElseThrow();
  }

  /**
   * The destinations whose delivery completed in this history: a child {@code Delivery} workflow
   * (since relays are deliveries), or a {@code Deliver} activity (runs from before).
   */
  private static Set<String> accepted(List<HistoryEvent> history, DataConverter converter) {
    Map<Long, Boolean> deliverScheduled = new HashMap<>();
    Map<Long, String> childDestinations = new HashMap<>();
    Set<String> accepted = new HashSet<>();
    for (HistoryEvent event : history) {
      if (event.hasStartChildWorkflowExecutionInitiatedEventAttributes()) {
        var initiated = event.getStartChildWorkflowExecutionInitiatedEventAttributes();
        if (DeliveryWorkflow.TYPE.equals(initiated.getWorkflowType().getName())
            && initiated.hasInput()) {
          DeliveryInput input =
              converter.fromPayloads(
                  0, Optional.of(initiated.getInput()), DeliveryInput.class, DeliveryInput.class);
          if (input.relayed() != null) {
            childDestinations.put(event.getEventId(), input.relayed().destination());
          }
        }
      } else if (event.hasChildWorkflowExecutionCompletedEventAttributes()) {
        String destination =
            childDestinations.get(
                event.getChildWorkflowExecutionCompletedEventAttributes().getInitiatedEventId());
        if (destination != null) {
          accepted.add(destination);
        }
      } else if (event.hasActivityTaskScheduledEventAttributes()) {
        deliverScheduled.put(
            event.getEventId(),
            ActivityNames.DELIVER.equals(
                event.getActivityTaskScheduledEventAttributes().getActivityType().getName()));
      } else if (event.hasActivityTaskCompletedEventAttributes()) {
        var completed = event.getActivityTaskCompletedEventAttributes();
        if (deliverScheduled.getOrDefault(completed.getScheduledEventId(), false)
            && completed.hasResult()) {
          DeliveryReceipt receipt =
              converter.fromPayloads(
                  0,
                  Optional.of(completed.getResult()),
                  DeliveryReceipt.class,
                  DeliveryReceipt.class);
          accepted.add(receipt.destination());
        }
      }
    }
    return accepted;
  }
}
