package dev.hookflow.activities.order;

import dev.hookflow.activities.http.Downstream;
import dev.hookflow.activities.http.DownstreamHttp;
import dev.hookflow.activities.http.Downstreams;
import dev.hookflow.activities.http.Json;
import dev.hookflow.workflows.order.OrderActivities;
import dev.hookflow.workflows.order.OrderInput;
import dev.hookflow.workflows.policy.FailureTypes;
import io.micronaut.http.HttpMethod;
import io.temporal.failure.ApplicationFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Order fulfilment over HTTP: downstreams {@code inventory}, {@code shipping}, {@code notify} and
 * {@code payments}.
 */
public class OrderActivitiesImpl implements OrderActivities {
  public static final String INVENTORY = "inventory";
  public static final String SHIPPING = "shipping";
  public static final String NOTIFY = "notify";
  public static final String PAYMENTS = "payments";

  private final Downstreams downstreams;
  private final DownstreamHttp http;

  public OrderActivitiesImpl(Downstreams downstreams, DownstreamHttp http) {
    this.downstreams = downstreams;
    this.http = http;
  }

  @Override
  public String reserveInventory(OrderInput order) {
    var body = Json.object().put("orderId", order.orderId());
    var answer = http.postJson(downstreams.get(INVENTORY), "/reservations", body);
    return Json.required(answer, "reservationId", "inventory POST /reservations");
  }

  @Override
  public String createShipment(OrderInput order, String reservationId) {
    var body =
        Json.object()
            .put("orderId", order.orderId())
            .put("reservationId", reservationId)
            .put("email", order.customerEmail());
    var answer = http.postJson(downstreams.get(SHIPPING), "/shipments", body);
    return Json.required(answer, "shipmentId", "shipping POST /shipments");
  }

  @Override
  public void notifyCustomer(OrderInput order, String shipmentId) {
    http.postJson(
        downstreams.get(NOTIFY),
        "/messages",
        Json.object()
            .put("orderId", order.orderId())
            .put("to", order.customerEmail())
            .put("text", "Order " + order.orderId() + " ships as " + shipmentId));
  }

  /** The header naming the step an undo call undoes, by that step's {@code Idempotency-Key}. */
  public static final String UNDOES = "Hookflow-Undoes";

  @Override
  public void releaseReservation(OrderInput order, String reservationId, String reservationKey) {
    Downstream inventory = downstreams.get(INVENTORY);
    Map<String, String> headers =
        reservationKey == null
            ? Map.of()
            : Map.of(UNDOES, DownstreamHttp.headerSafe(reservationKey));
    String path;
    String label;
    if (reservationId != null) {
      path = "/reservations/" + URLEncoder.encode(reservationId, StandardCharsets.UTF_8);
      label = "DELETE /reservations/{id}";
    } else if (reservationKey != null) {
      // The reserve step's answer never arrived: name the reservation by that step's key.
      path =
          "/reservations/by-key/"
              + URLEncoder.encode(
                  DownstreamHttp.headerSafe(reservationKey), StandardCharsets.UTF_8);
      label = "DELETE /reservations/by-key/{key}";
    } else {
      return; // an old run whose reserve step did not answer: nothing names the reservation
    }
    try {
      http.call(inventory, HttpMethod.DELETE, path, null, headers, label);
    } catch (ApplicationFailure e) {
      // Already gone (or never made) is what this undo wants: a retried DELETE may find it
      // released.
      if (!(FailureTypes.DOWNSTREAM_REJECTED.equals(e.getType()) && status(e) == 404)) {
        throw e;
      }
    }
  }

  @Override
  public void refundPayment(OrderInput order, String reason) {
    http.postJson(
        downstreams.get(PAYMENTS),
        "/refunds",
        Json.object()
            .put("orderId", order.orderId())
            .put("paymentIntent", order.paymentIntent())
            .put("amount", order.amount())
            .put("currency", order.currency())
            .put("reason", reason));
  }

  private static int status(ApplicationFailure failure) {
    try {
      return failure.getDetails().get(Integer.class);
    } catch (RuntimeException e) {
      return -1;
    }
  }
}
