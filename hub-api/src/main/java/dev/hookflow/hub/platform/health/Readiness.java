package dev.hookflow.hub.platform.health;

import dev.hookflow.hub.platform.config.TemporalConfig;
import dev.hookflow.hub.platform.database.HubDatabase;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether the hub can do its work: Temporal answers for its namespace, and its PostgreSQL answers a
 * query, each within two seconds.
 */
@Singleton
public class Readiness {
  private final WorkflowServiceStubs stubs;
  private final DescribeNamespaceRequest namespace;
  private final Provider<HubDatabase> database;

  public Readiness(
      WorkflowServiceStubs stubs, TemporalConfig temporal, Provider<HubDatabase> database) {
    this.stubs = stubs;
    this.database = database;
    this.namespace =
        DescribeNamespaceRequest.newBuilder().setNamespace(temporal.getNamespace()).build();
  }

  /** Each part's state ({@code UP} or {@code DOWN}) and the overall {@code status}. */
  public Map<String, String> check() {
    boolean temporal;
    try {
      stubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS).describeNamespace(namespace);
      temporal = true;
    } catch (RuntimeException e) {
      temporal = false;
    }
    boolean db;
    try {
      db = database.get().up();
    } catch (RuntimeException e) {
      db = false;
    }
    Map<String, String> out = new LinkedHashMap<>();
    out.put("status", temporal && db ? "UP" : "DOWN");
    out.put("temporal", temporal ? "UP" : "DOWN");
    out.put("database", db ? "UP" : "DOWN");
    return out;
  }

  public static boolean up(Map<String, String> check) {
    return "UP".equals(check.get("status"));
  }
}
