package dev.hookflow.workflows.event;

/**
 * Memo keys of the runs the hub starts for a received webhook (visibility readers such as {@code
 * GET /events} and replay read them back). The sending side writes them too, on a dispatch that a
 * route's {@code publish:} action started.
 */
public final class MemoKeys {
  /** The route that took the event. */
  public static final String ROUTE = "route";

  public static final String SOURCE = "source";
  public static final String EVENT_ID = "eventId";

  /** How the event reached the run: {@code started}, {@code signaled}, {@code published}, ... */
  public static final String DELIVERY = "delivery";

  private MemoKeys() {}
}
