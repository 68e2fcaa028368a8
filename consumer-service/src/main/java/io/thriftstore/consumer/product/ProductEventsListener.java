package io.thriftstore.consumer.product;

import io.thriftstore.consumer.notify.Notice;
import io.thriftstore.consumer.notify.NotificationType;
import io.thriftstore.consumer.notify.Notifications;
import io.thriftstore.consumer.notify.Wording;
import io.thriftstore.consumer.savedsearch.NewMatches;
import io.thriftstore.consumer.wishlist.Wishlists;
import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.ProductEvent;
import io.thriftstore.platform.outbox.ConsumedEvents;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * product-events: product names for insights, and PRICE_DROP / BACK_IN_STOCK for everyone with
 * the product on their wishlist, NEW_MATCH for saved searches when a product is listed or comes back to
 * ACTIVE. inventory.* records on the same topic are not ours.
 */
@Component
class ProductEventsListener {

    static final String CONSUMER = "consumer-service:products";

    private final ConsumedEvents consumed;
    private final Products products;
    private final Wishlists wishlists;
    private final Notifications notifications;
    private final NewMatches newMatches;

    ProductEventsListener(ConsumedEvents consumed, Products products, Wishlists wishlists, Notifications notifications,
            NewMatches newMatches) {
        this.consumed = consumed;
        this.products = products;
        this.wishlists = wishlists;
        this.notifications = notifications;
        this.newMatches = newMatches;
    }

    @KafkaListener(topics = "#{@topics.name('product-events')}")
    @Transactional
    void on(EventEnvelope<EventData> event) {
        if (!(event.data() instanceof ProductEvent product) || !consumed.markConsumed(CONSUMER, event.id())) {
            return;
        }
        Products.Recorded recorded = products.record(product);
        EventType type = event.eventType().orElse(null);
        // Listed, or back to ACTIVE (relisted, restocked); an older event than the state we hold is no news.
        // A status we never saw (NULL) counts as a change: the match records keep that from repeating a notice.
        if (recorded.applied() && "ACTIVE".equals(product.status())
                && (type == EventType.PRODUCT_CREATED || type == EventType.PRODUCT_UPDATED && !"ACTIVE".equals(recorded.previousStatus()))) {
            newMatches.announce(event, product);
        }
        if (type != EventType.PRODUCT_UPDATED || "ARCHIVED".equals(product.status())) {
            return;
        }
        String link = "/products/" + product.id();
        String seller = Wording.person(product.sellerName(), "the seller");
        if (product.previousPrice() != null && product.price() != null && product.price().compareTo(product.previousPrice()) < 0) {
            for (String wisher : wishlists.wishersOf(product.id(), product.sellerId())) {
                notifications.tell(event, new Notice(wisher, NotificationType.PRICE_DROP, "Price drop: " + product.name(),
                        product.name() + " from " + seller + " is now " + Wording.money(product.price(), product.currency())
                                + " (was " + Wording.money(product.previousPrice(), product.currency()) + ").", link));
            }
        }
        if (product.previousQuantity() != null && product.previousQuantity() == 0 && product.quantity() > 0) {
            for (String wisher : wishlists.wishersOf(product.id(), product.sellerId())) {
                notifications.tell(event, new Notice(wisher, NotificationType.BACK_IN_STOCK, "Back in stock: " + product.name(),
                        product.name() + " from " + seller + " is available again.", link));
            }
        }
    }
}
