package dev.hookflow.workflows.inbox;

import java.util.List;

/**
 * @param eventKeys the distinct events received, in arrival order
 * @param duplicatesIgnored repeats that were dropped
 */
public record InboxResult(List<String> eventKeys, int duplicatesIgnored) {}
