package dev.hookflow.workflows.delivery;

/**
 * What one fan-out step did: deliveries started for one page of matching endpoints, and the last
 * endpoint id of the page (null when no endpoint follows).
 */
public record DispatchPage(int started, String lastEndpointId) {}
