package dev.hookflow.workflows.event;

import java.util.List;

/** Custom search attributes (all Keyword) that the hub sets on every workflow it starts. */
public final class SearchAttributeNames {
  public static final String SOURCE = "WebhookSource";
  public static final String EVENT_TYPE = "WebhookEventType";
  public static final String EVENT_ID = "WebhookEventId";

  public static final List<String> ALL = List.of(SOURCE, EVENT_TYPE, EVENT_ID);

  private SearchAttributeNames() {}
}
