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

    private UUID id;
    private String buyerId;
    private String buyerName;
    private String sellerId;
    private String sellerName;
    private BigDecimal total;
    private String currency;
    private OrderStatus status;
    private String reason;
    private Instant createdAt;
    private Instant updatedAt;
    // The buyer's review, once the order is delivered (all three set together, or none).
    private Integer reviewRating;
    private String reviewComment;
    private Instant reviewedAt;
    // The ETag: the number of changes since the order was placed. OrderRepository writes a change only over the
    // version it was made on, and writers of one order take turns on its row lock, so its events follow commit order.
    private long version;
    private List<OrderItem> items = new ArrayList<>();
    private List<HistoryEntry> history = new ArrayList<>();

    private Order() {
    }

    /** An order as {@link OrderRepository} read it. */
    static Order stored(UUID id, String buyerId, String buyerName, String sellerId, String sellerName, BigDecimal total,
                        String currency, OrderStatus status, String reason, Instant createdAt, Instant updatedAt,
                        Integer reviewRating, String reviewComment, Instant reviewedAt, long version,
                        List<OrderItem> items, List<HistoryEntry> history) {
        Order order = new Order();
        order.id = id;
        order.buyerId = buyerId;
        order.buyerName = buyerName;
        order.sellerId = sellerId;
        order.sellerName = sellerName;
        order.total = total;
        order.currency = currency;
        order.status = status;
        order.reason = reason;
        order.createdAt = createdAt;
        order.updatedAt = updatedAt;
        order.reviewRating = reviewRating;
        order.reviewComment = reviewComment;
        order.reviewedAt = reviewedAt;
        order.version = version;
        order.items = new ArrayList<>(items);
        order.history = new ArrayList<>(history);
        return order;
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
