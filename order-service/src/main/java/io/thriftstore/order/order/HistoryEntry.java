package io.thriftstore.order.order;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** A status the order entered, when, and by whom (a user id, or {@code system}). */
@Embeddable
record HistoryEntry(
        @Enumerated(EnumType.STRING) @Column(name = "status") OrderStatus status,
        @Column(name = "changed_at") Instant at,
        @Column(name = "changed_by") String by) {
}
