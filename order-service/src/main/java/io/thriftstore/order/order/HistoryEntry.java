package io.thriftstore.order.order;

import java.time.Instant;

/** A status the order entered, when, and by whom (a user id, or {@code system}). */
record HistoryEntry(OrderStatus status, Instant at, String by) {
}
