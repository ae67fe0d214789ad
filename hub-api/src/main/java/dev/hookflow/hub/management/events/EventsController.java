package dev.hookflow.hub.management.events;

import dev.hookflow.hub.inbound.events.EventRecord;
import dev.hookflow.hub.inbound.intake.IntakeResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/** {@code GET /events} and {@code GET /events/{source}/{eventId}}. */
@Controller("/events")
public class EventsController {

  /**
   * An event and its deliveries; {@code status} is {@code ignored} when it verified but no route
   * took it, else {@code accepted} or {@code duplicate}.
   */
  public record EventView(
      String source,
      String eventId,
      String type,
      IntakeResponse.Status status,
      List<Events.DeliveryStatus> deliveries) {}

  private final EventListing listing;
  private final Events events;

  public EventsController(EventListing listing, Events events) {
    this.listing = listing;
    this.events = events;
  }

  /**
   * Lists the workflows the hub started, newest first, through Temporal visibility. {@code
   * status=failed} is the dead-letter view, {@code status=recorded} the events kept undelivered.
   * Filters: {@code source}, {@code type}, {@code status} (running, completed, failed, canceled,
   * terminated, timed_out, recorded), {@code since} (ISO-8601 instant); {@code pageSize} (default
   * 50, at most 500) and {@code nextPage} page through.
   */
  @Get
  @ExecuteOn(TaskExecutors.BLOCKING)
  public EventListing.EventPage list(
      @QueryValue @Nullable String source,
      @QueryValue @Nullable String type,
      @QueryValue @Nullable String status,
      @QueryValue @Nullable String since,
      @QueryValue @Nullable Integer pageSize,
      @QueryValue @Nullable String nextPage) {
    VisibilityQuery query =
        VisibilityQuery.hubWorkflows().source(source).type(type).status(status).since(since);
    return listing.list(query, pageSize, nextPage);
  }

  @Get("/{source}/{eventId}")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public EventView event(@PathVariable String source, @PathVariable String eventId) {
    EventRecord record = events.find(source, eventId);
    return new EventView(
        record.source(),
        record.eventId(),
        record.type(),
        IntakeResponse.statusOf(record.deliveries()),
        record.deliveries().stream().map(events::withState).toList());
  }
}
