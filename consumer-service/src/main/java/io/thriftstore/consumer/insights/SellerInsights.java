package io.thriftstore.consumer.insights;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** {@code GET /api/insights/sellers/me}: {@code itemsSold} and {@code revenue} count DELIVERED orders. */
record SellerInsights(Map<String, Long> ordersByStatus, long itemsSold, BigDecimal revenue, long wishlistAdds,
                      List<TopProduct> topProducts) {

    record TopProduct(String productId, String name, long itemsSold, long wishlistAdds) {
    }
}
