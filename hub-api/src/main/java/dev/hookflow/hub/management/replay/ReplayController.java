package dev.hookflow.hub.management.replay;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code POST /events/{source}/{eventId}/replay}. */
@Controller("/events")
public class ReplayController {

  /** The body of a replay request; {@code reason} is recorded with the new runs. */
  public record ReplayRequest(@Nullable String reason) {}

  private final Replays replays;

  public ReplayController(Replays replays) {
    this.replays = replays;
  }

  /** See {@link Replays#replay}. */
  @Post("/{source}/{eventId}/replay")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public Replays.ReplayView replay(
      @PathVariable String source,
      @PathVariable String eventId,
      @Body @Nullable ReplayRequest body) {
    return replays.replay(source, eventId, body == null ? null : body.reason());
  }
}
