package io.thriftstore.product.catalog;

import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;

/**
 * Stock held by orders. A product lists in {@code stockHolds} the orders that hold some of its stock, and
 * every change of the quantity for an order changes that list in the same single-document update: taking
 * stock adds the order, giving it back removes it. That makes both idempotent and safe to repeat from
 * anywhere: taking for an order that holds stock already takes nothing, giving back for an order that holds
 * none gives nothing. A crash between changing the stock and noting it elsewhere, or a second consumer
 * working on the same order, can therefore never take or return stock twice. The order is named by its hold key:
 * its id, with a round appended when an order whose hold expired takes its stock again (the reservation's
 * {@code holdKey()}), so that a worker still giving back the earlier round cannot return the new one.
 * <p>
 * Stock given back stores a {@code product.updated} event with the new quantity and status (consumers tell
 * back-in-stock from it); stock taken stores one only when the product sells out, since no consumer acts on a
 * plain decrease and announcing every sale cost each order a Kafka record, two relay writes and a store write
 * in consumer-service (docs/DECISIONS.md, "Stock taken by orders"). Every change is guarded by the product's
 * version, so it never overwrites an owner's concurrent edit and is never overwritten by one.
 */
@Component
public class ProductStock {

    public static final String OUT_OF_STOCK = "OUT_OF_STOCK";
    public static final String PRODUCT_ARCHIVED = "PRODUCT_ARCHIVED";
    public static final String PRODUCT_NOT_FOUND = "PRODUCT_NOT_FOUND";

    /** Losing this many races in a row means something is wrong, not just busy. */
    private static final int ATTEMPTS = 1_000;

    private final Products products;
    private final Clock clock;
    private final String source;

    ProductStock(Products products, Clock clock, @Value("${spring.application.name}") String source) {
        this.products = products;
        this.clock = clock;
        this.source = source;
    }

    /** What taking stock came to. */
    public sealed interface Taking {
        /** The order holds the stock (taken now, or by an earlier attempt); {@code remaining} is left. */
        record Taken(int remaining) implements Taking {
        }

        /** Nothing was taken; {@code available} is the product's stock when known. */
        record Refused(String reason, Integer available) implements Taking {
        }
    }

    /** What giving stock back came to: whether the order held any (and now no longer does), and the stock after. */
    public record Return(boolean returned, Integer remaining) {
    }

    /** Takes {@code quantity} items of a product for an order, all or none. */
    public Taking take(String productId, int quantity, String orderId) {
        return take(productId, quantity, orderId, null);
    }

    /**
     * Like {@link #take(String, int, String)}, deciding first on {@code seen}, the product as the caller read it just
     * now, instead of reading it again. Only for an order that cannot have taken any of it yet (its reservation was
     * opened after {@code seen} was read): {@code seen} does not show which orders hold stock. Its version guards the
     * change as usual; if the product changed since, it is read again.
     */
    public Taking take(String productId, int quantity, String orderId, ProductResponse seen) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Product> found = attempt == 1 && seen != null ? Optional.of(Product.seenAs(seen)) : products.find(productId);
            if (found.isEmpty()) {
                return new Taking.Refused(PRODUCT_NOT_FOUND, null);
            }
            Product before = found.get();
            if (before.stockHolds().contains(orderId)) {
                return new Taking.Taken(before.quantity());
            }
            if (before.status() == ProductStatus.ARCHIVED) {
                return new Taking.Refused(PRODUCT_ARCHIVED, before.quantity());
            }
            if (before.quantity() < quantity) {
                if (attempt == 1 && seen != null) {
                    continue; // what the caller saw may be old: refuse only on the stored product
                }
                return new Taking.Refused(OUT_OF_STOCK, before.quantity());
            }
            Product after = before.withQuantity(before.quantity() - quantity, clock.instant());
            // Taking announces nothing unless the product sells out (docs/DECISIONS.md, "Stock taken by orders").
            if (change(before, after, new Update().push(Products.STOCK_HOLDS, orderId), after.status() != before.status())) {
                return new Taking.Taken(after.quantity());
            }
            // Someone else changed the product first: decide again on its fresh state.
        }
        throw contended(productId);
    }

    /** Gives back the {@code quantity} items an order holds; nothing if it holds none (any more). */
    public Return giveBack(String productId, int quantity, String orderId) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Product> found = products.find(productId);
            if (found.isEmpty()) {
                return new Return(false, null);
            }
            Product before = found.get();
            if (!before.stockHolds().contains(orderId)) {
                return new Return(false, before.quantity());
            }
            Product after = before.withQuantity(before.quantity() + quantity, clock.instant());
            if (change(before, after, new Update().pull(Products.STOCK_HOLDS, orderId), true)) {
                return new Return(true, after.quantity());
            }
        }
        throw contended(productId);
    }

    /** The order was delivered: its items are gone for good and it no longer needs to be listed as holding them. */
    public void settle(String productId, String orderId) {
        if (ObjectId.isValid(productId)) {
            products.forgetHold(new ObjectId(productId), orderId);
        }
    }

    /** The Kafka error policy retries the whole event later; every step before this one was idempotent. */
    private static IllegalStateException contended(String productId) {
        return new IllegalStateException("Product " + productId + " kept changing during " + ATTEMPTS + " attempts");
    }

    private boolean change(Product before, Product after, Update holds, boolean announce) {
        if (!announce) {
            return products.replace(before, after, holds);
        }
        EventEnvelope<?> updated = EventEnvelope.of(EventType.PRODUCT_UPDATED, source, after.toEvent(before));
        return products.replace(before, after, holds, updated);
    }
}
