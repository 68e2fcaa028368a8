package io.thriftstore.order.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.BatchSize;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The order aggregate. Never leaves the service: the API and the events get {@link OrderResponse} / OrderEvent. */
@Entity
@Table(name = "orders")
class Order {

    @Id
    private UUID id;
    private String buyerId;
    private String buyerName;
    private String sellerId;
    private String sellerName;
    private BigDecimal total;
    private String currency;
    @Enumerated(EnumType.STRING)
    private OrderStatus status;
    private String reason;
    private Instant createdAt;
    private Instant updatedAt;
    // The buyer's review, once the order is delivered (all three set together, or none).
    private Integer reviewRating;
    private String reviewComment;
    private Instant reviewedAt;
    // The ETag; also serialises writers of one order so that its events are appended in commit order.
    // A wrapper, so that Spring Data sees a new order (null) and persists it instead of merging a copy.
    @Version
    private Long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_item", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "position")
    @BatchSize(size = 100)
    private List<OrderItem> items = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_history", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "position")
    @BatchSize(size = 100)
    private List<HistoryEntry> history = new ArrayList<>();

    protected Order() {
    }

    static Order place(UUID id, String buyerId, String buyerName, String sellerId, String sellerName,
                       List<OrderItem> items, String currency) {
        Order order = new Order();
        Instant now = now();
        order.id = id;
        order.buyerId = buyerId;
        order.buyerName = buyerName;
        order.sellerId = sellerId;
        order.sellerName = sellerName;
        order.items = new ArrayList<>(items);
        order.total = items.stream()
            .map(item -> item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())))
            .reduce(BigDecimal.ZERO, BigDecimal::add)
            .setScale(2, java.math.RoundingMode.HALF_EVEN);
        order.currency = currency;
        order.status = OrderStatus.PENDING;
        order.createdAt = now;
        order.updatedAt = now;
        order.history.add(new HistoryEntry(OrderStatus.PENDING, now, buyerId));
        return order;
    }

    /** Moves to {@code target}; the caller has checked the transition against {@link OrderStatus}. */
    OrderStatus moveTo(OrderStatus target, String reason, String actorId) {
        OrderStatus previous = status;
        Instant now = now();
        status = target;
        if (reason != null) {
            this.reason = reason;
        }
        updatedAt = now;
        history.add(new HistoryEntry(target, now, actorId));
        return previous;
    }

    /**
     * Buy in one step: the order placed a moment ago is confirmed before its first write, at version 1 (what a
     * separate confirming write would have given it), so it is written once, already CONFIRMED
     * ({@link PlacedOrders}). Only for an order never written: a stored order moves through {@link #moveTo}.
     */
    OrderStatus confirmBeforeFirstWrite(String actorId) {
        if (version != null) {
            throw new IllegalStateException("Order " + id + " is already stored");
        }
        OrderStatus previous = moveTo(OrderStatus.CONFIRMED, null, actorId);
        version = 1L;
        return previous;
    }

    /**
     * Records the buyer's review; the caller has checked that the order is DELIVERED and not yet reviewed. The
     * status and {@code updatedAt} stay as they are: a review is not a step of the lifecycle.
     */
    void review(int rating, String comment) {
        reviewRating = rating;
        reviewComment = comment;
        reviewedAt = now();
    }

    boolean reviewed() {
        return reviewedAt != null;
    }

    /** The caller's role on this order; null for anyone else. */
    Role roleOf(String userId) {
        if (buyerId.equals(userId)) {
            return Role.BUYER;
        }
        if (sellerId.equals(userId)) {
            return Role.SELLER;
        }
        return null;
    }

    // PostgreSQL keeps microseconds: truncating here makes what we return equal to what we read back later.
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    UUID id() { return id; }
    String buyerId() { return buyerId; }
    String buyerName() { return buyerName; }
    String sellerId() { return sellerId; }
    String sellerName() { return sellerName; }
    BigDecimal total() { return total; }
    String currency() { return currency; }
    OrderStatus status() { return status; }
    String reason() { return reason; }
    Instant createdAt() { return createdAt; }
    Instant updatedAt() { return updatedAt; }
    Integer reviewRating() { return reviewRating; }
    String reviewComment() { return reviewComment; }
    Instant reviewedAt() { return reviewedAt; }
    long version() { return version == null ? 0 : version; }
    List<OrderItem> items() { return List.copyOf(items); }
    List<HistoryEntry> history() { return List.copyOf(history); }
}
