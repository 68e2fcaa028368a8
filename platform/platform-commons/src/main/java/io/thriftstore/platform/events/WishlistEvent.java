package io.thriftstore.platform.events;

import java.time.Instant;

/** wishlist.item-added / wishlist.item-removed, keyed by the wishlist's owner. */
public record WishlistEvent(String userId, String productId, String productName, String sellerId, Instant at)
        implements EventData {

    @Override
    public String eventKey() {
        return userId;
    }
}
