package dev.hookflow.hub.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.hookflow.activities.testing.Receiver;
import dev.hookflow.hub.testing.HubHarness;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A 2xx from publish means the message is in Temporal: with Temporal away, 503 and no message. */
class PublishOutageTest {
  static final String[] AUTH = {"Authorization", "Bearer t"};

  @Test
  void temporalDownAnswers503AndKeepsNoMessageThenTheRetryIsDeliveredOnce() throws Exception {
    try (Receiver receiver = new Receiver();
        HubHarness hub = new HubHarness(Map.of("hookflow.management-token", "t"))) {
      assertEquals(201, post(hub, "/api/v1/app", "{\"name\":\"A\",\"uid\":\"a\"}").statusCode());
      assertEquals(
          201,
          post(hub, "/api/v1/app/a/endpoint", "{\"url\":\"" + receiver.url("/a") + "\"}")
              .statusCode());
      String message = "{\"eventType\":\"order.paid\",\"eventId\":\"o-1\",\"payload\":{\"n\":1}}";

      hub.stopTemporal();
      HttpResponse<String> refused = post(hub, "/api/v1/app/a/msg", message);
      assertEquals(503, refused.statusCode(), refused.body());
      assertEquals("temporal_unavailable", HubHarness.json(refused).get("code").asText());
      assertNotNull(refused.headers().firstValue("Retry-After").orElse(null));
      HttpResponse<String> none = hub.get("/api/v1/app/a/msg", AUTH);
      assertEquals(0, HubHarness.json(none).get("data").size(), "nothing stored");

      hub.startTemporal();
      HttpResponse<String> accepted = post(hub, "/api/v1/app/a/msg", message);
      assertEquals(202, accepted.statusCode(), accepted.body());
      SendingApiTest.await("the delivery", () -> receiver.requests.size() == 1);
      Thread.sleep(500);
      assertEquals(1, receiver.requests.size());
      assertEquals(
          HubHarness.json(accepted).get("id").asText(),
          receiver.requests.get(0).header("webhook-id"));
    }
  }

  static HttpResponse<String> post(HubHarness hub, String path, String body) {
    return hub.post(path, "application/json", body, AUTH);
  }
}
