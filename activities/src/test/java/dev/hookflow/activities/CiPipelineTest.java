package dev.hookflow.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookflow.activities.testing.ScriptedDownstream.Answer;
import dev.hookflow.activities.testing.WorkerFixture;
import dev.hookflow.workflows.Events;
import dev.hookflow.workflows.ci.CiPipelineWorkflow;
import dev.hookflow.workflows.ci.CiResult;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GitHub push -> CI -> GitLab pipeline result, with the timer under time skipping. */
class CiPipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private WorkerFixture fx;

  @BeforeEach
  void start() throws Exception {
    fx = new WorkerFixture();
    fx.downstream.always("POST /ci/pipelines", Answer.json(201, "{\"id\":\"p-42\"}"));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private WorkflowStub start(String sha, Map<String, String> params) {
    WorkflowStub stub =
        fx.client.newUntypedWorkflowStub(CiPipelineWorkflow.TYPE, fx.options("ci-" + sha));
    stub.start(Events.push("delivery-" + sha, sha, params));
    return stub;
  }

  @Test
  void shouldPostOutcomeWhenPipelineSignalArrivesBeforeTimeout() throws Exception {
    WorkflowStub stub = start("a1b2c3d4e5", Map.of());
    fx.downstream.awaitCalls("POST /ci/pipelines", 1);
    fx.env.sleep(Duration.ofMinutes(20));

    stub.signal(CiPipelineWorkflow.PIPELINE, Events.pipeline("u1", "a1b2c3d4e5", "running"));
    stub.signal(CiPipelineWorkflow.PIPELINE, Events.pipeline("u2", "a1b2c3d4e5", "failed"));
    stub.signal(CiPipelineWorkflow.PIPELINE, Events.pipeline("u2", "a1b2c3d4e5", "failed"));
    CiResult result = stub.getResult(CiResult.class);

    assertEquals("failed", result.status());
    assertEquals("p-42", result.pipelineId());
    assertEquals("u2", result.resultEventId());
    var trigger = JSON.readTree(fx.downstream.calls("POST /ci/pipelines").get(0).body());
    assertEquals("a1b2c3d4e5", trigger.get("sha").asText());
    assertEquals("refs/heads/main", trigger.get("ref").asText());
    var messages = fx.downstream.calls("POST /notify/messages");
    assertEquals(1, messages.size());
    var message = JSON.readTree(messages.get(0).body());
    assertEquals("failed", message.get("status").asText());
    assertTrue(message.get("text").asText().contains("acme/shop@a1b2c3d4"));
  }

  @Test
  void shouldPostTimeoutNoticeWhenNoResultArrivesInTime() throws Exception {
    WorkflowStub stub = start("ffff0000", Map.of(CiPipelineWorkflow.TIMEOUT_PARAM, "30m"));
    fx.downstream.awaitCalls("POST /ci/pipelines", 1);
    long triggered = fx.downstream.calls("POST /ci/pipelines").get(0).atMillis();
    stub.signal(CiPipelineWorkflow.PIPELINE, Events.pipeline("u9", "ffff0000", "running"));

    CiResult result = stub.getResult(CiResult.class);

    assertEquals("timed_out", result.status());
    assertNull(result.resultEventId());
    var messages = fx.downstream.calls("POST /notify/messages");
    assertEquals(1, messages.size());
    long waited = messages.get(0).atMillis() - triggered;
    assertTrue(waited >= 30 * 60_000 && waited < 31 * 60_000, "waited " + waited + " ms");
    var message = JSON.readTree(messages.get(0).body());
    assertEquals("timed_out", message.get("status").asText());
    assertTrue(message.get("text").asText().contains("last status: running"));
  }
}
