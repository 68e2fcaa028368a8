package io.thriftstore.order.review;

import java.math.BigDecimal;

/** {@code GET /api/sellers/{sellerId}/rating}: {@code average} to one decimal, null while {@code count} is 0. */
record SellerRating(String sellerId, BigDecimal average, long count) {
}
