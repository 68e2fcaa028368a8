package io.thriftstore.product.inventory;

import io.thriftstore.platform.outbox.PendingEvent;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The stock held for one order, in the {@code reservations} collection. Its {@code _id} is the order id,
 * so the unique {@code _id} index makes it the one record per order: a redelivered order event finds it
 * instead of reserving again. {@code lines} record per item how far the reservation got, so a crash
 * half-way is completed or compensated when the event comes again; the answer to the order (reserved,
 * rejected, released) waits in {@code pendingEvents} until it is relayed.
 * <p>
 * A reservation made by order-service's hold ({@link StockHolds}) carries {@code expiresAt} until its order is
 * seen on order-events (order.created unsets it); past that time {@link HoldExpiry} gives the
 * stock back, so a hold whose order never committed does not keep the stock.
 * <p>
 * {@code round} counts how often the stock was taken anew: {@code null} at first, 1 once an order whose hold had
 * expired committed after all and took its stock again ({@link Reservations#reopenReleased}). Products list the
 * hold under {@link #holdKey()}, which names the round, and every change of the record is guarded by it. A worker
 * still busy with an earlier round (the expiry sweep, overtaken by that late order) then finds nothing of it left
 * to give back and cannot change the record: without rounds it gave back the stock the order had just taken again.
 */
@Document(Reservations.COLLECTION)
record Reservation(
        @MongoId(FieldType.STRING) String orderId,
        State state,
        List<Line> lines,
        String reason,
        Instant createdAt,
        Instant updatedAt,
        List<PendingEvent> pendingEvents,
        Instant pendingSince,
        Instant expiresAt,
        Hold hold,
        Integer round) {

    @PersistenceCreator
    Reservation {
        lines = lines == null ? List.of() : List.copyOf(lines);
        pendingEvents = pendingEvents == null ? List.of() : List.copyOf(pendingEvents);
    }

    /** A reservation opened by order.created (no hold, no expiry): orders placed before buy-in-one-step. */
    Reservation(String orderId, State state, List<Line> lines, String reason, Instant createdAt, Instant updatedAt,
                List<PendingEvent> pendingEvents, Instant pendingSince) {
        this(orderId, state, lines, reason, createdAt, updatedAt, pendingEvents, pendingSince, null, null, null);
    }

    /** A hold opened by order-service's call ({@link StockHolds}), in its first round. */
    Reservation(String orderId, State state, List<Line> lines, String reason, Instant createdAt, Instant updatedAt,
                List<PendingEvent> pendingEvents, Instant pendingSince, Instant expiresAt, Hold hold) {
        this(orderId, state, lines, reason, createdAt, updatedAt, pendingEvents, pendingSince, expiresAt, hold, null);
    }

    /** What products list for this reservation's current round in their {@code stockHolds}: the order id, then the round. */
    String holdKey() {
        return round == null ? orderId : orderId + "#" + round;
    }

    /** This reservation RESERVED with {@code lines} (what a successful move to RESERVED stored). */
    Reservation reserved(List<Line> taken) {
        return new Reservation(orderId, State.RESERVED, taken, reason, createdAt, updatedAt, pendingEvents, pendingSince,
            expiresAt, hold, round);
    }

    /**
     * What order-service was told when it held the stock: the catalog's names, prices and seller at that moment,
     * so that a repeated hold for the same order gets the same answer even if the listing changed since.
     */
    record Hold(String buyerId, String sellerId, String sellerName, String currency, List<HeldItem> items) {

        Hold {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    record HeldItem(String productId, String name, BigDecimal price) {
    }

    /**
     * RESERVING -> RESERVED | REJECTING -> REJECTED; RESERVED or RESERVING -> RELEASING -> RELEASED;
     * RESERVED -> SETTLED when the order was delivered. The -ING states are where a crash may leave a
     * reservation; whoever finds it there finishes the job.
     */
    enum State {
        RESERVING, RESERVED, REJECTING, REJECTED, RELEASING, RELEASED, SETTLED
    }

    /** One product of the order: PENDING (nothing taken yet), TAKEN, or RETURNED (given back). */
    record Line(String productId, int quantity, LineState state, Integer remaining) {
    }

    enum LineState {
        PENDING, TAKEN, RETURNED
    }
}
