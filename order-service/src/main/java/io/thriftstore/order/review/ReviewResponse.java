package io.thriftstore.order.review;

import java.time.Instant;
import java.util.List;

/**
 * A review as the API shows it (DESIGN "reviews (order-service)"): public, so it names the item and the buyer's
 * display name, never the buyer's id.
 */
public record ReviewResponse(String orderId, String productName, int rating, String comment, String buyerName,
                             Instant createdAt) {

    /** What a review calls the order's items: "Vintage lamp", or "Vintage lamp and 2 more items". */
    public static String productName(List<String> itemNames) {
        if (itemNames.isEmpty()) {
            return "";
        }
        int others = itemNames.size() - 1;
        return others == 0 ? itemNames.get(0) : itemNames.get(0) + " and " + others + " more item" + (others == 1 ? "" : "s");
    }
}
