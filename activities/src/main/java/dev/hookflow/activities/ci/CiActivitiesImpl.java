package dev.hookflow.activities.ci;

import dev.hookflow.activities.http.DownstreamHttp;
import dev.hookflow.activities.http.Downstreams;
import dev.hookflow.activities.http.Json;
import dev.hookflow.workflows.ci.CiActivities;
import dev.hookflow.workflows.ci.CiMessage;
import dev.hookflow.workflows.ci.Commit;

/** CI over HTTP: downstreams {@code ci} and {@code notify}. */
public class CiActivitiesImpl implements CiActivities {
  public static final String CI = "ci";
  public static final String NOTIFY = "notify";

  private final Downstreams downstreams;
  private final DownstreamHttp http;

  public CiActivitiesImpl(Downstreams downstreams, DownstreamHttp http) {
    this.downstreams = downstreams;
    this.http = http;
  }

  @Override
  public String triggerPipeline(Commit commit) {
    var body =
        Json.object()
            .put("repository", commit.repository())
            .put("ref", commit.ref())
            .put("sha", commit.sha());
    var answer = http.postJson(downstreams.get(CI), "/pipelines", body);
    String id = Json.optional(answer, "id");
    return id != null ? id : Json.optional(answer, "pipelineId");
  }

  @Override
  public void postMessage(CiMessage message) {
    var body =
        Json.object()
            .put("channel", "ci")
            .put("repository", message.commit().repository())
            .put("sha", message.commit().sha())
            .put("status", message.status())
            .put("text", message.text());
    http.postJson(downstreams.get(NOTIFY), "/messages", body);
  }
}
