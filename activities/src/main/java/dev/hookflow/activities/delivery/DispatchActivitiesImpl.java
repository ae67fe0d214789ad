package dev.hookflow.activities.delivery;

import dev.hookflow.store.Destinations;
import dev.hookflow.store.MessageRepository;
import dev.hookflow.store.MessageRow;
import dev.hookflow.workflows.delivery.DispatchActivities;
import dev.hookflow.workflows.delivery.DispatchPage;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** See {@link DispatchActivities}. */
public class DispatchActivitiesImpl implements DispatchActivities {
  private final MessageRepository messages;
  private final Destinations destinations;
  private final DeliveryStarter starter;
  private final Clock clock;

  public DispatchActivitiesImpl(
      MessageRepository messages, Destinations destinations, DeliveryStarter starter, Clock clock) {
    this.messages = messages;
    this.destinations = destinations;
    this.starter = starter;
    this.clock = clock;
  }

  @Override
  public DispatchPage fanOut(String appId, String msgId, String afterEndpointId, int pageSize) {
    Optional<MessageRow> message = messages.findByIdAndAppId(msgId, appId);
    if (message.isEmpty()) {
      // Rolled back after Temporal refused its dispatch, or deleted with its application.
      return new DispatchPage(0, null);
    }
    List<String> endpoints =
        destinations.matchingEndpoints(
            appId, message.get().eventType(), message.get().channels(), afterEndpointId, pageSize);
    // Recorded before the starts, so the lists show "pending" from the first moment.
    destinations.addPending(appId, msgId, endpoints, clock.instant());
    for (String endpointId : endpoints) {
      starter.deliver(appId, msgId, endpointId, message.get().eventType()); // false: a repeat
    }
    String last = endpoints.size() < pageSize ? null : endpoints.get(endpoints.size() - 1);
    return new DispatchPage(endpoints.size(), last);
  }
}
