package dev.hookflow.workflows.policy;

/**
 * Activity type names: what {@code hookflow.activity-policies} binds to policies and what the
 * Temporal UI shows.
 */
public final class ActivityNames {
  public static final String RECORD_EVENT = "RecordEvent";
  public static final String RESERVE_INVENTORY = "ReserveInventory";
  public static final String CREATE_SHIPMENT = "CreateShipment";
  public static final String NOTIFY_CUSTOMER = "NotifyCustomer";
  public static final String RELEASE_RESERVATION = "ReleaseReservation";
  public static final String REFUND_PAYMENT = "RefundPayment";
  public static final String TRIGGER_PIPELINE = "TriggerPipeline";
  public static final String POST_MESSAGE = "PostMessage";
  public static final String DELIVER = "Deliver";
  public static final String PREPARE_RELAY = "PrepareRelay";

  private ActivityNames() {}
}
