package io.thriftstore.consumer.insights;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/insights/sellers/me}: {@code itemsSold} and {@code revenue} count DELIVERED orders; {@code rating}
 * is the seller's review rating as order-service shows it publicly ({@code average} to one decimal, null while
 * {@code count} is 0).
 */
record SellerInsights(Map<String, Long> ordersByStatus, long itemsSold, BigDecimal revenue, long wishlistAdds,
                      List<TopProduct> topProducts, Rating rating) {

    record Rating(BigDecimal average, long count) {
    }

    record TopProduct(String productId, String name, long itemsSold, long wishlistAdds) {
    }
}
