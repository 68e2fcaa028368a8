package io.thriftstore.product.inventory;

import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.InventoryEvent;
import io.thriftstore.platform.events.OrderEvent;
import io.thriftstore.product.catalog.ProductResponse;
import io.thriftstore.product.catalog.ProductStock;
import io.thriftstore.product.inventory.Reservation.Line;
import io.thriftstore.product.inventory.Reservation.LineState;
import io.thriftstore.product.inventory.Reservation.State;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reserves the stock of an order, all of it or none, once per order, and gives it back once when the
 * order ends. Every step is idempotent, so a redelivered event (or one delivered again after a crash
 * half-way) completes what an earlier delivery started, or compensates it, and answers the same:
 * <ol>
 *   <li>the reservation record is opened (or found) under the order id;</li>
 *   <li>each line takes its stock ({@link ProductStock#take}: the product itself records that the order
 *       holds stock, so taking again takes nothing), then the record notes the line as TAKEN;</li>
 *   <li>if every line was taken, the record moves to RESERVED and stores inventory.reserved; if one is
 *       short, it moves to REJECTING, gives back what the order holds, then moves to REJECTED and stores
 *       inventory.rejected with the reason.</li>
 * </ol>
 * order.cancelled, and order.rejected when stock had been reserved, move a reservation to RELEASING, give
 * back what the order holds and finish in RELEASED with inventory.released. Only conditional state moves
 * change the record's state, so each answer is stored once however often the event comes.
 */
@Service
class StockReservations {

    private static final Logger log = LoggerFactory.getLogger(StockReservations.class);

    /** Why an order was refused when its lines make no sense (no items, a quantity below 1). */
    static final String INVALID_ORDER = "INVALID_ORDER";

    /** States in which a reservation holds nothing, or is giving back all it holds. */
    private static final Set<State> ENDING = EnumSet.of(State.REJECTING, State.REJECTED, State.RELEASING, State.RELEASED);

    private final Reservations reservations;
    private final ProductStock stock;
    private final String source;

    StockReservations(Reservations reservations, ProductStock stock, @Value("${spring.application.name}") String source) {
        this.reservations = reservations;
        this.stock = stock;
        this.source = source;
    }

    /**
     * order.created. Orders placed in one step arrive with their stock held already ({@link StockHolds}): the hold
     * is confirmed and no longer expires, which is one conditional update in the usual case. An order.created
     * without a hold (from an order-service older than buy-in-one-step, during a rolling upgrade) is reserved here,
     * everything or nothing, and answered with inventory.reserved or inventory.rejected.
     */
    void orderPlaced(OrderEvent order) {
        if (reservations.confirm(order.id())) {
            return;
        }
        Reservation found = reservations.find(order.id()).orElse(null);
        if (found != null && found.hold() != null) {
            // Confirmed already (a redelivery), or expired before this event came: then take its stock again.
            if (found.expiresAt() != null) {
                takeAgain(order.id());
            }
            return;
        }
        complete(reservations.open(order.id(), linesOf(order)));
    }

    /**
     * The order committed, but its order.created arrived after the hold had expired and given the stock back:
     * order-service committed and then stayed down past the hold timeout before relaying it. The order is CONFIRMED,
     * so its stock is taken again. Should the stock be gone meanwhile, the order is oversold: that is logged as an
     * error (docs/DECISIONS.md, holds). Rare, since holds expire only once order-events is read up to their expiry
     * ({@link HoldExpiry}).
     */
    private void takeAgain(String orderId) {
        Reservation ended = reservations.get(orderId);
        if (ended.state() == State.RELEASING) {
            release(ended);
            ended = reservations.get(orderId);
        }
        List<Line> anew = ended.lines().stream().map(line -> new Line(line.productId(), line.quantity(), LineState.PENDING, null)).toList();
        if (ended.state() == State.RELEASED && reservations.reopenReleased(orderId, anew)) {
            log.warn("Order {} committed after its stock hold had expired; taking its stock again", orderId);
            reserve(reservations.get(orderId), Map.of());
            Reservation after = reservations.get(orderId);
            if (after.state() != State.RESERVED) {
                log.error("Order {} is confirmed but its stock is gone (hold expired before its order.created arrived): "
                    + "oversold, {}", orderId, after.reason());
            }
        }
    }

    /** Drives a reservation that a crash (or a concurrent twin) left in an -ING state to its end; others stay. */
    void complete(Reservation reservation) {
        switch (reservation.state()) {
            case RESERVING -> reserve(reservation, Map.of());
            case REJECTING -> reject(reservation);
            case RELEASING -> release(reservation);
            case RESERVED, REJECTED, RELEASED, SETTLED -> {
                // Answered already: this is a redelivery.
            }
        }
    }

    /**
     * A hold whose order did not commit within the hold timeout: gives its stock back (RELEASED, inventory.released,
     * and product.updated for each product, so back-in-stock notices go out). Only while it is still expired: a
     * confirmation that won the race keeps the stock held.
     */
    void expire(Reservation reservation, Instant now) {
        switch (reservation.state()) {
            case RESERVED, RESERVING -> {
                if (reservations.moveIfExpired(reservation.orderId(), reservation.state(), State.RELEASING, now)) {
                    release(reservations.get(reservation.orderId()));
                }
            }
            case REJECTING, RELEASING -> complete(reservation);
            case REJECTED, RELEASED, SETTLED -> {
                // Finished meanwhile.
            }
        }
    }

    /** order.cancelled or order.rejected: give back what is held for the order, once. */
    void orderEnded(OrderEvent order) {
        Reservation reservation = reservations.find(order.id()).orElseGet(() -> reservations.closeUnopened(order.id()));
        switch (reservation.state()) {
            case RESERVED, RESERVING -> {
                if (reservations.move(reservation, reservation.state(), State.RELEASING, new Update(), null)) {
                    release(reservations.get(order.id()));
                }
                else {
                    orderEnded(order); // it moved on meanwhile; decide again on its new state
                }
            }
            case RELEASING -> release(reservation);
            case REJECTING -> reject(reservation);
            case REJECTED, RELEASED, SETTLED -> {
                // Nothing held, given back already, or delivered (an order cannot end twice).
            }
        }
    }

    /**
     * order.delivered: the items are gone for good. The reservation is settled (so nothing can give them back
     * any more) and the products forget the order's hold, which keeps their list of holds short.
     */
    void orderDelivered(OrderEvent order) {
        reservations.find(order.id()).ifPresent(reservation -> {
            if (reservation.state() == State.RESERVED) {
                reservations.move(reservation, State.RESERVED, State.SETTLED, new Update(), null);
            }
            else if (reservation.state() != State.SETTLED) {
                return;
            }
            reservation.lines().forEach(line -> stock.settle(line.productId(), reservation.holdKey()));
        });
    }

    /**
     * A hold this call opened ({@link StockHolds}): reserved deciding on {@code seen}, the products as the hold's check
     * read them just before the reservation was opened, so no order can have taken any of them yet; and answered
     * from what was stored rather than by reading the reservation back.
     */
    Reservation reserveOpened(Reservation opened, Map<String, ProductResponse> seen) {
        Reservation reserved = reserve(opened, seen);
        return reserved != null ? reserved : reservations.get(opened.orderId());
    }

    /**
     * Takes every line, then moves to RESERVED noting each line TAKEN with the stock it left, in one update. A crash
     * before that update leaves lines PENDING: taking again is idempotent (the product lists the order) and giving back
     * asks PENDING lines too, so nothing is taken or returned twice. A hold answers its caller over HTTP and stores no
     * inventory.reserved; an order reserved here (without a hold) is answered with it.
     *
     * @param seen products as a caller read them just now, by id (see {@link ProductStock#take(String, int, String, ProductResponse)})
     * @return the reservation as stored if this call moved it to RESERVED; {@code null} otherwise (rejected, or
     *     finished by a concurrent twin)
     */
    private Reservation reserve(Reservation reservation, Map<String, ProductResponse> seen) {
        String orderId = reservation.orderId();
        if (!isValid(reservation.lines())) {
            startRejecting(reservation, INVALID_ORDER, -1, null);
            return null;
        }
        List<Line> lines = reservation.lines();
        List<Line> taken = new ArrayList<>(lines.size());
        Update noted = new Update();
        for (int index = 0; index < lines.size(); index++) {
            Line line = lines.get(index);
            if (line.state() == LineState.TAKEN) {
                taken.add(line);
                continue;
            }
            ProductStock.Taking taking = stock.take(line.productId(), line.quantity(), reservation.holdKey(),
                seen.get(line.productId()));
            if (taking instanceof ProductStock.Taking.Refused refused) {
                if (!startRejecting(reservation, refused.reason(), index, refused.available())) {
                    giveBackIfEnded(reservation, taken);
                }
                return null;
            }
            int remaining = ((ProductStock.Taking.Taken) taking).remaining();
            noted.set("lines." + index + ".state", LineState.TAKEN).set("lines." + index + ".remaining", remaining);
            taken.add(new Line(line.productId(), line.quantity(), LineState.TAKEN, remaining));
        }
        boolean moved = reservations.move(reservation, State.RESERVING, State.RESERVED, noted,
            reservation.hold() != null ? null : answer(EventType.INVENTORY_RESERVED, orderId, taken, null));
        if (!moved) {
            giveBackIfEnded(reservation, taken);
        }
        return moved ? reservation.reserved(taken) : null;
    }

    /** @return whether this call moved the reservation to REJECTING (and rejected it) */
    private boolean startRejecting(Reservation reservation, String reason, int shortLine, Integer available) {
        Update why = new Update().set("reason", reason);
        if (shortLine >= 0) {
            why.set("lines." + shortLine + ".remaining", available);
        }
        if (reservations.move(reservation, State.RESERVING, State.REJECTING, why, null)) {
            reject(reservations.get(reservation.orderId()));
            return true;
        }
        return false;
    }

    /**
     * This call took stock for a reservation it could then not move on: a concurrent twin did (it holds the same
     * stock, under the same key: nothing to do), or the reservation ended meanwhile, or began a new round. The last
     * two happen when a reservation outlives its hold's expiry half-way (a stalled hold request): the sweep
     * released what was taken so far, and the lines taken after that would stay taken for an order that holds
     * nothing. They are given back here; giving back is idempotent per product, so a releaser still at work and
     * this call cannot both return the same stock.
     */
    private void giveBackIfEnded(Reservation seen, List<Line> taken) {
        Reservation now = reservations.find(seen.orderId()).orElse(null);
        boolean sameRound = now != null && Objects.equals(now.round(), seen.round());
        if (sameRound && !ENDING.contains(now.state())) {
            return;
        }
        for (Line line : taken) {
            stock.giveBack(line.productId(), line.quantity(), seen.holdKey());
        }
    }

    private void reject(Reservation rejecting) {
        giveBack(rejecting);
        Reservation given = reservations.get(rejecting.orderId());
        // A hold's refusal is its HTTP answer (409); only an order reserved here is answered with an event.
        reservations.move(rejecting, State.REJECTING, State.REJECTED, new Update(), given.hold() != null ? null
            : answer(EventType.INVENTORY_REJECTED, given.orderId(), given.lines(), given.reason()));
    }

    private void release(Reservation releasing) {
        giveBack(releasing);
        Reservation given = reservations.get(releasing.orderId());
        List<Line> returned = given.lines().stream().filter(line -> line.state() == LineState.RETURNED).toList();
        // Nothing was held (an order that ended before its reservation got anywhere): nothing to announce.
        EventEnvelope<?> released = returned.isEmpty() ? null
            : answer(EventType.INVENTORY_RELEASED, given.orderId(), returned, null);
        reservations.move(releasing, State.RELEASING, State.RELEASED, new Update(), released);
    }

    /**
     * Gives back every line the order may hold. Lines still PENDING are asked too: a crash may have come
     * after a product recorded the hold and before this record noted it.
     */
    private void giveBack(Reservation reservation) {
        List<Line> lines = reservation.lines();
        for (int index = 0; index < lines.size(); index++) {
            Line line = lines.get(index);
            if (line.state() == LineState.RETURNED || line.productId() == null) {
                continue;
            }
            ProductStock.Return given = stock.giveBack(line.productId(), line.quantity(), reservation.holdKey());
            // A TAKEN line whose product holds nothing was given back by an earlier, interrupted attempt.
            if (given.returned() || line.state() == LineState.TAKEN) {
                reservations.noteLine(reservation, index, LineState.RETURNED, given.remaining());
            }
        }
    }

    private EventEnvelope<InventoryEvent> answer(EventType type, String orderId, List<Line> lines, String reason) {
        List<InventoryEvent.Item> items = lines.stream()
            .map(line -> new InventoryEvent.Item(line.productId(), line.quantity(), line.remaining()))
            .toList();
        return EventEnvelope.of(type, source, new InventoryEvent(orderId, items, reason));
    }

    /** One line per product: an order naming a product twice takes the sum, in one step. */
    static List<Line> linesOf(OrderEvent order) {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (OrderEvent.Item item : order.items()) {
            quantities.merge(item.productId(), item.quantity(), Integer::sum);
        }
        List<Line> lines = new ArrayList<>();
        quantities.forEach((productId, quantity) -> lines.add(new Line(productId, quantity, LineState.PENDING, null)));
        return lines;
    }

    private static boolean isValid(List<Line> lines) {
        return !lines.isEmpty() && lines.stream().allMatch(line -> line.productId() != null && line.quantity() > 0);
    }
}
