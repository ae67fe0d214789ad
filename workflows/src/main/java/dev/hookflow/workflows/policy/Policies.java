package dev.hookflow.workflows.policy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The shipped policies and which activity type uses which. Configuration ({@code
 * hookflow.policies.<name>.*}, {@code hookflow.activity-policies.<ActivityType>}) overrides any
 * field of these or adds policies; nothing else in the code holds retry numbers.
 */
public final class Policies {

  /** Calls to downstream systems: 1 s, x2, at most 5 min apart, 10 attempts of 30 s each. */
  public static final Policy DOWNSTREAM =
      new Policy(
          "downstream",
          Duration.ofSeconds(1),
          2.0,
          Duration.ofMinutes(5),
          10,
          Duration.ofSeconds(30),
          Duration.ZERO,
          FailureTypes.NON_RETRYABLE);

  /**
   * Undoing a completed step: must not give up easily. 1 s, x2, at most 10 min apart, unlimited
   * attempts for up to 7 days.
   */
  public static final Policy COMPENSATION =
      new Policy(
          "compensation",
          Duration.ofSeconds(1),
          2.0,
          Duration.ofMinutes(10),
          0,
          Duration.ofSeconds(30),
          Duration.ofDays(7),
          FailureTypes.NON_RETRYABLE);

  /**
   * Relaying a webhook to a subscriber: 5 s, x2, at most 1 h apart, for up to 3 days (the retry
   * window webhook providers commonly give).
   */
  public static final Policy RELAY =
      new Policy(
          "relay",
          Duration.ofSeconds(5),
          2.0,
          Duration.ofHours(1),
          0,
          Duration.ofSeconds(30),
          Duration.ofDays(3),
          FailureTypes.NON_RETRYABLE);

  /** Recording an event inside the hub: short attempts, never given up on. */
  public static final Policy LOCAL =
      new Policy(
          "local",
          Duration.ofSeconds(1),
          2.0,
          Duration.ofMinutes(1),
          0,
          Duration.ofSeconds(10),
          Duration.ZERO,
          List.of());

  public static final Map<String, Policy> DEFAULTS =
      Map.of(
          DOWNSTREAM.name(), DOWNSTREAM,
          COMPENSATION.name(), COMPENSATION,
          RELAY.name(), RELAY,
          LOCAL.name(), LOCAL);

  /** Activity type -> policy name. Relay deliveries take their destination's policy instead. */
  public static final Map<String, String> BINDINGS =
      Map.of(
          ActivityNames.RECORD_EVENT, LOCAL.name(),
          ActivityNames.PREPARE_RELAY, LOCAL.name(),
          ActivityNames.RESERVE_INVENTORY, DOWNSTREAM.name(),
          ActivityNames.CREATE_SHIPMENT, DOWNSTREAM.name(),
          ActivityNames.NOTIFY_CUSTOMER, DOWNSTREAM.name(),
          ActivityNames.RELEASE_RESERVATION, COMPENSATION.name(),
          ActivityNames.REFUND_PAYMENT, COMPENSATION.name(),
          ActivityNames.TRIGGER_PIPELINE, DOWNSTREAM.name(),
          ActivityNames.POST_MESSAGE, DOWNSTREAM.name());

  private Policies() {}
}
