package io.thriftstore.product.catalog;

import io.thriftstore.platform.events.ProductEvent;
import io.thriftstore.platform.outbox.PendingEvent;
import org.bson.types.ObjectId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A listing as stored in the {@code products} collection. Besides what clients see it holds
 * {@code stockHolds}, the ids of the orders holding some of its stock (see {@link ProductStock}), and the
 * {@code pendingEvents} not yet relayed to Kafka. Every change
 * goes through {@link Products#replace}: a read-modify-write that succeeds only if {@code version} is
 * still the one read, and increments it.
 */
@Document(Products.COLLECTION)
record Product(
        @Id ObjectId id,
        String sellerId,
        String sellerName,
        String name,
        String description,
        @Field(targetType = FieldType.DECIMAL128) BigDecimal price,
        String currency,
        Category category,
        Condition condition,
        int quantity,
        ProductStatus status,
        List<String> imageUrls,
        Instant createdAt,
        Instant updatedAt,
        long version,
        List<String> stockHolds,
        List<PendingEvent> pendingEvents,
        Instant pendingSince) {

    Product {
        imageUrls = imageUrls == null ? List.of() : List.copyOf(imageUrls);
        stockHolds = stockHolds == null ? List.of() : List.copyOf(stockHolds);
        pendingEvents = pendingEvents == null ? List.of() : List.copyOf(pendingEvents);
    }

    boolean isOwnedBy(String userId) {
        return sellerId.equals(userId);
    }

    /** This listing with new client-visible values, one version on. */
    Product with(String name, String description, BigDecimal price, Category category, Condition condition,
                 int quantity, ProductStatus status, List<String> imageUrls, Instant now) {
        return new Product(id, sellerId, sellerName, name, description, price, currency, category, condition,
            quantity, status, imageUrls, createdAt, now, version + 1, stockHolds, pendingEvents, pendingSince);
    }

    /** The same product with events waiting to be relayed (used when it is first stored). */
    Product withPendingEvents(List<PendingEvent> events, Instant since) {
        return new Product(id, sellerId, sellerName, name, description, price, currency, category, condition,
            quantity, status, imageUrls, createdAt, updatedAt, version, stockHolds, events, since);
    }

    /** The stock changed (an order took or gave back items): SOLD_OUT at 0, ACTIVE again above. */
    Product withQuantity(int newQuantity, Instant now) {
        return with(name, description, price, category, condition, newQuantity, status.withStock(newQuantity),
            imageUrls, now);
    }

    Product withImage(String imageUrl, Instant now) {
        List<String> urls = new ArrayList<>(imageUrls);
        urls.add(imageUrl);
        return with(name, description, price, category, condition, quantity, status, urls, now);
    }

    /** Whether a client would see any difference between the two. */
    boolean sameContentAs(Product other) {
        return name.equals(other.name) && description.equals(other.description)
            && price.compareTo(other.price) == 0 && category == other.category && condition == other.condition
            && quantity == other.quantity && status == other.status && imageUrls.equals(other.imageUrls);
    }

    /**
     * The product as a response showed it, without the bookkeeping a response leaves out ({@code stockHolds}, pending
     * events). Good only as the {@code before} of a version-guarded change whose caller knows those do not matter.
     */
    static Product seenAs(ProductResponse seen) {
        return new Product(new ObjectId(seen.id()), seen.sellerId(), seen.sellerName(), seen.name(), seen.description(),
            seen.price(), seen.currency(), seen.category(), seen.condition(), seen.quantity(), seen.status(),
            seen.imageUrls(), seen.createdAt(), seen.updatedAt(), seen.version(), List.of(), List.of(), null);
    }

    ProductResponse toResponse() {
        return new ProductResponse(id.toHexString(), sellerId, sellerName, name, description, price, currency,
            category, condition, quantity, status, imageUrls, createdAt, updatedAt, version);
    }

    /** The event payload: the full product, plus its price and quantity before the change on updates. */
    ProductEvent toEvent(Product before) {
        return new ProductEvent(id.toHexString(), sellerId, sellerName, name, description, price, currency,
            category.value(), condition.name(), quantity, status.name(), imageUrls, createdAt, updatedAt, version,
            before == null ? null : before.price, before == null ? null : before.quantity);
    }
}
