package dev.hookflow.hub.outbound.delivery;

import dev.hookflow.workflows.policy.RetrySchedule;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.ReadableBytes;
import java.time.Duration;

/** {@code hookflow.outbound}: how messages are delivered to subscriber endpoints. */
@ConfigurationProperties("hookflow.outbound")
public class OutboundConfig {
  private String retrySchedule = RetrySchedule.DEFAULT;
  private Duration requestTimeout = Duration.ofSeconds(15);
  private String headerStyle = "webhook";
  private long maxPayload = 1024 * 1024;

  /**
   * {@code HOOKFLOW_OUTBOUND_RETRY_SCHEDULE}: delays before each attempt, comma-separated (default
   * {@code 0s,5s,5m,30m,2h,5h,10h,10h}: 8 attempts over about 27 h).
   */
  public String getRetrySchedule() {
    return retrySchedule;
  }

  public void setRetrySchedule(String retrySchedule) {
    this.retrySchedule = retrySchedule;
  }

  /** The longest one attempt waits for the endpoint's answer (default 15 s). */
  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  /** {@code webhook} (default), {@code svix} or {@code both}: which signature headers go out. */
  public String getHeaderStyle() {
    return headerStyle;
  }

  public void setHeaderStyle(String headerStyle) {
    this.headerStyle = headerStyle;
  }

  /** The largest message payload accepted, serialized (default 1 MiB). */
  public long getMaxPayload() {
    return maxPayload;
  }

  public void setMaxPayload(@ReadableBytes long maxPayload) {
    this.maxPayload = maxPayload;
  }
}
