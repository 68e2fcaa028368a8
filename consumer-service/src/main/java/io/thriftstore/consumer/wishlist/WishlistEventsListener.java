package io.thriftstore.consumer.wishlist;

import java.time.Instant;

import io.thriftstore.consumer.notify.Notice;
import io.thriftstore.consumer.notify.NotificationType;
import io.thriftstore.consumer.notify.Notifications;
import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.WishlistEvent;
import io.thriftstore.platform.outbox.ConsumedEvents;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** wishlist-events: the wishlist read model, and WISHLIST_ADDED for the seller (the wisher stays anonymous). */
@Component
class WishlistEventsListener {

    static final String CONSUMER = "consumer-service:wishlists";

    private final ConsumedEvents consumed;
    private final Wishlists wishlists;
    private final Notifications notifications;

    WishlistEventsListener(ConsumedEvents consumed, Wishlists wishlists, Notifications notifications) {
        this.consumed = consumed;
        this.wishlists = wishlists;
        this.notifications = notifications;
    }

    @KafkaListener(topics = "#{@topics.name('wishlist-events')}")
    @Transactional
    void on(EventEnvelope<EventData> event) {
        if (!(event.data() instanceof WishlistEvent wish) || !consumed.markConsumed(CONSUMER, event.id())) {
            return;
        }
        EventType type = event.eventType().orElse(null);
        if (type == EventType.WISHLIST_ITEM_REMOVED) {
            wishlists.remove(wish.userId(), wish.productId());
        }
        else if (type == EventType.WISHLIST_ITEM_ADDED) {
            Instant at = wish.at() != null ? wish.at() : event.time();
            boolean added = wishlists.add(wish.userId(), wish.productId(), wish.sellerId(), wish.productName(), at);
            // An add of something already on the list (a second click elsewhere) is not news to the seller.
            if (added && !wish.userId().equals(wish.sellerId())) {
                notifications.tell(event, new Notice(wish.sellerId(), NotificationType.WISHLIST_ADDED,
                        "Someone wishes for " + wish.productName(),
                        "Someone added " + wish.productName() + " to their wishlist.",
                        "/products/" + wish.productId()));
            }
        }
    }
}
