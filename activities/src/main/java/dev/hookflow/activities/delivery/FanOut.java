package dev.hookflow.activities.delivery;

import dev.hookflow.store.Destinations;
import dev.hookflow.store.MessageRow;
import dev.hookflow.workflows.delivery.DispatchPage;
import java.time.Clock;
import java.util.List;

/**
 * Starts a message's deliveries: one {@code Delivery} workflow per matching endpoint, each recorded
 * as a pending destination first. A publish to at most {@link #DIRECT} endpoints starts them itself
 * (one workflow per delivery, the fewest Temporal round trips); a larger one starts a {@code
 * Dispatch} workflow that pages through the endpoints. Every start has an id derived from the
 * message and endpoint, so a repeat finds the first run instead of making a second.
 */
public class FanOut {
  /** At most this many deliveries are started by the publish itself. */
  public static final int DIRECT = 20;

  private final Destinations destinations;
  private final DeliveryStarter starter;
  private final Clock clock;

  public FanOut(Destinations destinations, DeliveryStarter starter, Clock clock) {
    this.destinations = destinations;
    this.starter = starter;
    this.clock = clock;
  }

  /**
   * What a publish started.
   *
   * @param workflowId the first delivery, or the dispatch; null when no endpoint takes the message
   * @param runId its run, null when it existed before
   * @param deliveries deliveries started here (0 when a dispatch took over)
   */
  public record Started(String workflowId, String runId, int deliveries) {}

  /**
   * Some deliveries were started before a later start failed: the message must stay (they deliver
   * it), and a repeat of the publish starts the rest ({@link #repair}).
   */
  public static final class Interrupted extends RuntimeException {
    public Interrupted(int started, RuntimeException cause) {
      super(started + " deliveries started before Temporal refused the next", cause);
    }
  }

  /**
   * Starts the deliveries of a stored message, or its dispatch when more than {@link #DIRECT}
   * endpoints take it.
   *
   * @param origin the received webhook it was published for, or null
   * @throws Interrupted when a start failed after others succeeded; any other exception means
   *     nothing was started
   */
  public Started publish(MessageRow message, DeliveryStarter.Origin origin) {
    List<String> endpoints =
        destinations.matchingEndpoints(
            message.appId(), message.eventType(), message.channels(), null, DIRECT + 1);
    if (endpoints.size() > DIRECT) {
      String runId = starter.dispatch(message.appId(), message.id(), message.eventType(), origin);
      return new Started(DeliveryStarter.dispatchId(message.appId(), message.id()), runId, 0);
    }
    destinations.addPending(message.appId(), message.id(), endpoints, clock.instant());
    return start(message, endpoints, origin);
  }

  /**
   * A repeat of a publish (the same event id) within a day: starts what the first one may not have
   * (the hub stopped, or Temporal failed, between storing the message and its last start). Only
   * pending destinations are tried, so a repeat of a delivered message costs one query.
   *
   * @return deliveries (or a dispatch) started now
   */
  public int repair(MessageRow message, DeliveryStarter.Origin origin) {
    List<String> recorded = destinations.endpointsOf(message.id(), DIRECT + 1);
    if (recorded.isEmpty()) {
      Started started = publish(message, origin);
      return started.deliveries() + (started.runId() != null ? 1 : 0);
    }
    if (recorded.size() > DIRECT) {
      // A dispatch's: it runs on by itself once started.
      return starter.dispatch(message.appId(), message.id(), message.eventType(), origin) == null
          ? 0
          : 1;
    }
    return start(message, destinations.pendingEndpoints(message.id()), origin).deliveries();
  }

  /** One page of a {@code Dispatch}: the endpoints after {@code afterEndpointId}. */
  public DispatchPage page(MessageRow message, String afterEndpointId, int pageSize) {
    List<String> endpoints =
        destinations.matchingEndpoints(
            message.appId(), message.eventType(), message.channels(), afterEndpointId, pageSize);
    // Recorded before the starts, so the lists show "pending" from the first moment.
    destinations.addPending(message.appId(), message.id(), endpoints, clock.instant());
    for (String endpointId : endpoints) {
      starter.deliver(message.appId(), message.id(), endpointId, message.eventType(), null);
    }
    String last = endpoints.size() < pageSize ? null : endpoints.get(endpoints.size() - 1);
    return new DispatchPage(endpoints.size(), last);
  }

  private Started start(MessageRow message, List<String> endpoints, DeliveryStarter.Origin origin) {
    String firstId = null;
    String firstRun = null;
    int started = 0;
    int taken = 0;
    for (String endpointId : endpoints) {
      String runId;
      try {
        runId =
            starter.deliver(message.appId(), message.id(), endpointId, message.eventType(), origin);
      } catch (RuntimeException e) {
        if (taken == 0) {
          throw e;
        }
        throw new Interrupted(started, e);
      }
      taken++;
      if (firstId == null) {
        firstId = DeliveryStarter.deliveryId(message.appId(), message.id(), endpointId);
        firstRun = runId;
      }
      if (runId != null) {
        started++;
      }
    }
    return new Started(firstId, firstRun, started);
  }
}
