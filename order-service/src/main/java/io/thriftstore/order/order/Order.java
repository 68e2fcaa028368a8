package io.thriftstore.order.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The order aggregate. Never leaves the service: the API and the events get {@link OrderResponse} / OrderEvent.
 * {@link OrderRepository} stores it; every change made here counts one {@link #version()} up.
 */
class Order {

    private final UUID id;
    private final String buyerId;
    private final String buyerName;
    private final String sellerId;
    private final String sellerName;
    private final BigDecimal total;
    private final String currency;
    private OrderStatus status;
    private String reason;
    private final Instant createdAt;
    private Instant updatedAt;
    // The buyer's review, once the order is delivered (all three set together, or none).
    private Integer reviewRating;
    private String reviewComment;
    private Instant reviewedAt;
    // The ETag: the number of changes since the order was placed. OrderRepository writes a change only over the
    // version it was made on, and writers of one order take turns on its row lock, so its events follow commit order.
    private long version;
    private final List<OrderItem> items;
    private final List<HistoryEntry> history;

    /** An order as {@link OrderRepository} read it, or a new one ({@link #place}). */
    Order(UUID id, String buyerId, String buyerName, String sellerId, String sellerName, BigDecimal total,
          String currency, OrderStatus status, String reason, Instant createdAt, Instant updatedAt,
          Integer reviewRating, String reviewComment, Instant reviewedAt, long version,
          List<OrderItem> items, List<HistoryEntry> history) {
        this.id = id;
        this.buyerId = buyerId;
        this.buyerName = buyerName;
        this.sellerId = sellerId;
        this.sellerName = sellerName;
        this.total = total;
        this.currency = currency;
        this.status = status;
        this.reason = reason;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.reviewRating = reviewRating;
        this.reviewComment = reviewComment;
        this.reviewedAt = reviewedAt;
        this.version = version;
        this.items = new ArrayList<>(items);
        this.history = new ArrayList<>(history);
    }

    /** A new order, PENDING at version 0 and not yet stored. */
    static Order place(UUID id, String buyerId, String buyerName, String sellerId, String sellerName,
                       List<OrderItem> items, String currency) {
        Instant now = now();
        BigDecimal total = items.stream()
            .map(item -> item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())))
            .reduce(BigDecimal.ZERO, BigDecimal::add)
            .setScale(2, java.math.RoundingMode.HALF_EVEN);
        return new Order(id, buyerId, buyerName, sellerId, sellerName, total, currency, OrderStatus.PENDING, null, now,
            now, null, null, null, 0, items, List.of(new HistoryEntry(OrderStatus.PENDING, now, buyerId)));
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
        version++;
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
        version++;
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
    long version() { return version; }
    List<OrderItem> items() { return List.copyOf(items); }
    List<HistoryEntry> history() { return List.copyOf(history); }
}
