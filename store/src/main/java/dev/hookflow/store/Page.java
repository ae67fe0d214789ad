package dev.hookflow.store;

import java.util.List;

/**
 * One page of a cursor list: {@code iterator} continues after the last row, {@code prevIterator}
 * goes back before the first; {@code done} when no row follows.
 */
public record Page<T>(List<T> data, String iterator, String prevIterator, boolean done) {}
