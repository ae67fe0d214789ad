package dev.hookflow.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pre-built, signed HTTP/1.1 requests, so the load generator spends its CPU on sending, not
 * signing. Even indexes are GitHub ({@code X-Hub-Signature-256}), odd ones Standard Webhooks v1.
 * Every {@code duplicateEvery}-th request repeats an earlier event (a redelivery).
 */
final class Requests {
  static final String GITHUB_SECRET = "bench-github-secret";
  static final String STANDARD_SECRET =
      "whsec_"
          + Base64.getEncoder()
              .encodeToString("bench-standard-webhooks-key-0001".getBytes(StandardCharsets.UTF_8));

  private Requests() {}

  /** A realistic ~1.2 KB event body. */
  static String body(String id) {
    return "{\"type\":\"push\",\"id\":\""
        + id
        + "\",\"ref\":\"refs/heads/main\",\"before\":\"6113728f27ae82c7b1a177c8d03f9e96e0adf246\","
        + "\"after\":\"59b20b8d5c6ff8d09518454d4dd8b7b30f095ab5\",\"repository\":{\"id\":35129377,\"name\":\"public-repo\","
        + "\"full_name\":\"baxterthehacker/public-repo\",\"private\":false,\"html_url\":\"https://github.com/baxterthehacker/public-repo\","
        + "\"description\":\"\",\"default_branch\":\"main\"},\"pusher\":{\"name\":\"baxterthehacker\",\"email\":\"baxterthehacker@users.noreply.github.com\"},"
        + "\"commits\":[{\"id\":\"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c\",\"tree_id\":\"f9d2a07e9488b91af2641b26b9407fe22a451433\",\"distinct\":true,"
        + "\"message\":\"Update README.md\",\"timestamp\":\"2015-05-05T19:40:15-04:00\",\"url\":\"https://github.com/baxterthehacker/public-repo/commit/0d1a26e\","
        + "\"author\":{\"name\":\"baxterthehacker\",\"email\":\"baxterthehacker@users.noreply.github.com\",\"username\":\"baxterthehacker\"},"
        + "\"added\":[],\"removed\":[],\"modified\":[\"README.md\"]}],\"head_commit\":{\"id\":\"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c\","
        + "\"message\":\"Update README.md\",\"timestamp\":\"2015-05-05T19:40:15-04:00\"},\"sender\":{\"login\":\"baxterthehacker\",\"id\":6752317,"
        + "\"type\":\"User\",\"site_admin\":false}}";
  }

  static byte[][] build(String runId, int count, int duplicateEvery, int port) {
    byte[][] out = new byte[count][];
    long now = System.currentTimeMillis() / 1000;
    for (int i = 0; i < count; i++) {
      int event =
          duplicateEvery > 0 && i % duplicateEvery == duplicateEvery - 1 && i >= 10 ? i - 10 : i;
      String id = runId + "-" + event;
      out[i] = event % 2 == 0 ? github(id, port) : standard(id, now, port);
    }
    return out;
  }

  static byte[] github(String id, int port) {
    return github(id, "push", port);
  }

  /** A signed GitHub webhook of the given event type. */
  static byte[] github(String id, String event, int port) {
    String body = body(id);
    String signature =
        "sha256="
            + HexFormat.of().formatHex(hmac(GITHUB_SECRET.getBytes(StandardCharsets.UTF_8), body));
    return http(
        "/webhooks/github",
        port,
        body,
        "X-GitHub-Event: "
            + event
            + "\r\nX-GitHub-Delivery: "
            + id
            + "\r\nX-Hub-Signature-256: "
            + signature
            + "\r\n");
  }

  static byte[] standard(String id, long timestamp, int port) {
    String body = body(id);
    byte[] key = Base64.getDecoder().decode(STANDARD_SECRET.substring(6));
    String signature =
        "v1," + Base64.getEncoder().encodeToString(hmac(key, id + "." + timestamp + "." + body));
    return http(
        "/webhooks/standard",
        port,
        body,
        "webhook-id: "
            + id
            + "\r\nwebhook-timestamp: "
            + timestamp
            + "\r\nwebhook-signature: "
            + signature
            + "\r\n");
  }

  /** {@code POST /api/v1/app/{app}/msg} with the bench body as the payload. */
  static byte[] publish(String app, String id, int port, String token) {
    return http(
        "/api/v1/app/" + app + "/msg",
        port,
        "{\"eventType\":\"bench.push\",\"payload\":" + body(id) + "}",
        "Authorization: Bearer " + token + "\r\n");
  }

  private static byte[] http(String path, int port, String body, String headers) {
    byte[] payload = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nContent-Type: application/json\r\n"
            + "Content-Length: "
            + payload.length
            + "\r\n"
            + headers
            + "\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[h.length + payload.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(payload, 0, out, h.length, payload.length);
    return out;
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
