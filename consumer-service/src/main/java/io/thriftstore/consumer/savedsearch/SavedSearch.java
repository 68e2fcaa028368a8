package io.thriftstore.consumer.savedsearch;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A saved search as the API shows it (DESIGN): {@code q}, {@code category} and {@code maxPrice} are null when not given. */
record SavedSearch(UUID id, String q, String category, BigDecimal maxPrice, Instant createdAt) {
}
