package dev.hookflow.hub.platform.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.List;

/**
 * {@code hookflow.policies.<name>}: overrides fields of a shipped policy ({@code downstream},
 * {@code compensation}, {@code relay}, {@code local}) or defines a new one, whose unset fields come
 * from {@code downstream}. Unset fields are null here.
 */
@EachProperty("hookflow.policies")
public class PolicyConfig {
  private final String name;
  private Duration initialInterval;
  private Double backoffCoefficient;
  private Duration maximumInterval;
  private Integer maximumAttempts;
  private Duration startToCloseTimeout;
  private Duration scheduleToCloseTimeout;
  private List<String> nonRetryable;

  public PolicyConfig(@Parameter String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  /** Delay before the first retry, for example {@code 1s}. */
  public @Nullable Duration getInitialInterval() {
    return initialInterval;
  }

  public void setInitialInterval(@Nullable Duration initialInterval) {
    this.initialInterval = initialInterval;
  }

  /** Factor applied to the delay after each retry, at least 1. */
  public @Nullable Double getBackoffCoefficient() {
    return backoffCoefficient;
  }

  public void setBackoffCoefficient(@Nullable Double backoffCoefficient) {
    this.backoffCoefficient = backoffCoefficient;
  }

  /** Longest delay between attempts; also caps a downstream's {@code Retry-After}. */
  public @Nullable Duration getMaximumInterval() {
    return maximumInterval;
  }

  public void setMaximumInterval(@Nullable Duration maximumInterval) {
    this.maximumInterval = maximumInterval;
  }

  /** Attempts including the first; 0 = unlimited. */
  public @Nullable Integer getMaximumAttempts() {
    return maximumAttempts;
  }

  public void setMaximumAttempts(@Nullable Integer maximumAttempts) {
    this.maximumAttempts = maximumAttempts;
  }

  /** Longest one attempt may take. */
  public @Nullable Duration getStartToCloseTimeout() {
    return startToCloseTimeout;
  }

  public void setStartToCloseTimeout(@Nullable Duration startToCloseTimeout) {
    this.startToCloseTimeout = startToCloseTimeout;
  }

  /** Longest all attempts together may take; {@code 0s} = unbounded. */
  public @Nullable Duration getScheduleToCloseTimeout() {
    return scheduleToCloseTimeout;
  }

  public void setScheduleToCloseTimeout(@Nullable Duration scheduleToCloseTimeout) {
    this.scheduleToCloseTimeout = scheduleToCloseTimeout;
  }

  /** Failure types that end the activity at once (replaces the base policy's list). */
  public @Nullable List<String> getNonRetryable() {
    return nonRetryable;
  }

  public void setNonRetryable(@Nullable List<String> nonRetryable) {
    this.nonRetryable = nonRetryable;
  }
}
