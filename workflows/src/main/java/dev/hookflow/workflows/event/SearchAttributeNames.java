package dev.hookflow.workflows.event;

import java.util.List;

/** Custom search attributes (all Keyword) that the hub sets on every workflow it starts. */
public final class SearchAttributeNames {
  public static final String SOURCE = "WebhookSource";
  public static final String EVENT_TYPE = "WebhookEventType";
  public static final String EVENT_ID = "WebhookEventId";

  /**
   * How the run took its event: {@code started}, {@code signaled} (a signal-with-start opened it)
   * or {@code recorded} (kept because it could not be delivered: the needs-attention view).
   */
  public static final String DELIVERY = "WebhookDelivery";

  /** Outbound deliveries: the application (its id) and the endpoint (its id) they go to. */
  public static final String APP = "WebhookApp";

  public static final String ENDPOINT = "WebhookEndpoint";

  public static final List<String> ALL =
      List.of(SOURCE, EVENT_TYPE, EVENT_ID, DELIVERY, APP, ENDPOINT);

  private SearchAttributeNames() {}
}
