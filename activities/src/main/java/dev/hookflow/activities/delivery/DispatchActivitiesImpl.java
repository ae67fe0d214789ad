package dev.hookflow.activities.delivery;

import dev.hookflow.store.MessageRepository;
import dev.hookflow.store.MessageRow;
import dev.hookflow.workflows.delivery.DispatchActivities;
import dev.hookflow.workflows.delivery.DispatchPage;
import java.util.Optional;

/** See {@link DispatchActivities}. */
public class DispatchActivitiesImpl implements DispatchActivities {
  private final MessageRepository messages;
  private final FanOut fanOut;

  public DispatchActivitiesImpl(MessageRepository messages, FanOut fanOut) {
    this.messages = messages;
    this.fanOut = fanOut;
  }

  @Override
  public DispatchPage fanOut(String appId, String msgId, String afterEndpointId, int pageSize) {
    Optional<MessageRow> message = messages.findByIdAndAppId(msgId, appId);
    if (message.isEmpty()) {
      // Rolled back after Temporal refused its dispatch, or deleted with its application.
      return new DispatchPage(0, null);
    }
    return fanOut.page(message.get(), afterEndpointId, pageSize);
  }
}
