package io.thriftstore.product.inventory;

import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.outbox.MongoOutbox;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** The {@code reservations} collection: one document per order, changed by single-document updates only. */
@Component
class Reservations {

    static final String COLLECTION = "reservations";
    static final String EXPIRES_AT = "expiresAt";
    private static final String ROUND = "round";

    private final MongoTemplate mongo;
    private final MongoOutbox outbox;
    private final Clock clock;

    Reservations(MongoTemplate mongo, Clock clock, MongoOutbox outbox) {
        this.mongo = mongo;
        this.clock = clock;
        this.outbox = outbox;
    }

    /** The order's reservation: a new one in RESERVING, or the one an earlier delivery already opened. */
    Reservation open(String orderId, List<Reservation.Line> lines) {
        return insertOrFind(new Reservation(orderId, Reservation.State.RESERVING, lines, null, clock.instant(),
            clock.instant(), List.of(), null));
    }

    /** A hold's reservation, and whether this call opened it ({@code false}: an earlier or concurrent call did). */
    record Opened(Reservation reservation, boolean created) {
    }

    /** A hold for an order (order-service's synchronous call): RESERVING, expiring at {@code expiresAt} unless confirmed. */
    Opened openHold(String orderId, List<Reservation.Line> lines, Instant expiresAt, Reservation.Hold hold) {
        try {
            return new Opened(mongo.insert(new Reservation(orderId, Reservation.State.RESERVING, lines, null,
                clock.instant(), clock.instant(), List.of(), null, expiresAt, hold)), true);
        }
        catch (DuplicateKeyException alreadyThere) {
            return new Opened(get(orderId), false);
        }
    }

    /**
     * The order of this hold committed (its order.created arrived): the hold no longer expires.
     * One conditional update, so it and {@link #moveIfExpired} cannot both win.
     *
     * @return {@code false} when there was no expiring hold to confirm (none, confirmed already, or expired)
     */
    boolean confirm(String orderId) {
        Query expiring = Query.query(where("_id").is(orderId).and(EXPIRES_AT).exists(true)
            .and("state").in(Reservation.State.RESERVING, Reservation.State.RESERVED));
        Update update = new Update().unset(EXPIRES_AT).set("updatedAt", clock.instant());
        return mongo.updateFirst(expiring, update, Reservation.class).getMatchedCount() == 1;
    }

    /**
     * A hold that expired and gave its stock back, although its order did commit (its order.created came later
     * than the hold timeout): RESERVING again, in its next round, with every line to take anew, and no expiry any more.
     *
     * @return {@code false} when it was not RELEASED (taken again already, or something else happened meanwhile)
     */
    boolean reopenReleased(String orderId, List<Reservation.Line> lines) {
        Query released = Query.query(where("_id").is(orderId).and("state").is(Reservation.State.RELEASED));
        Update update = new Update().set("state", Reservation.State.RESERVING).set("lines", lines).unset(EXPIRES_AT)
            .inc(ROUND, 1).set("updatedAt", clock.instant());
        return mongo.updateFirst(released, update, Reservation.class).getMatchedCount() == 1;
    }

    /** Up to {@code limit} holds whose order did not commit in time and that are not finished yet, oldest first. */
    List<Reservation> expiredBy(Instant now, int limit) {
        Query due = Query.query(where(EXPIRES_AT).lt(now).and("state").in(Reservation.State.RESERVING,
                Reservation.State.RESERVED, Reservation.State.REJECTING, Reservation.State.RELEASING))
            .with(Sort.by(EXPIRES_AT)).limit(limit);
        return mongo.find(due, Reservation.class);
    }

    /** Like {@link #move}, but only while the hold is still expired (not confirmed meanwhile). */
    boolean moveIfExpired(String orderId, Reservation.State from, Reservation.State to, Instant now) {
        Query stillExpired = Query.query(where("_id").is(orderId).and("state").is(from).and(EXPIRES_AT).lt(now));
        Update update = new Update().set("state", to).set("updatedAt", clock.instant());
        return mongo.updateFirst(stillExpired, update, Reservation.class).getMatchedCount() == 1;
    }

    /**
     * For an order that ended before anything was reserved for it: a RELEASED record with no lines, so
     * that a late order.created for it (out of a dead-letter replay, say) reserves nothing.
     */
    Reservation closeUnopened(String orderId) {
        return insertOrFind(new Reservation(orderId, Reservation.State.RELEASED, List.of(), null, clock.instant(),
            clock.instant(), List.of(), null));
    }

    Reservation get(String orderId) {
        return find(orderId).orElseThrow(() -> new IllegalStateException("No reservation for order " + orderId));
    }

    Optional<Reservation> find(String orderId) {
        return Optional.ofNullable(mongo.findById(orderId, Reservation.class));
    }

    /** Notes the state of line {@code index} and the product's stock after its change, unless a new round began. */
    void noteLine(Reservation noted, int index, Reservation.LineState state, Integer remaining) {
        Update update = new Update()
            .set("lines." + index + ".state", state)
            .set("lines." + index + ".remaining", remaining)
            .set("updatedAt", clock.instant());
        mongo.updateFirst(Query.query(sameRound(noted)), update, Reservation.class);
    }

    /**
     * Moves the reservation from {@code from} to {@code to} if it still is in {@code from} and in the round of
     * {@code seen}, storing {@code answer} (if any) to be relayed: the state change and its event are one update.
     *
     * @return {@code false} if the reservation was not in {@code from}, or in another round
     */
    boolean move(Reservation seen, Reservation.State from, Reservation.State to, Update more, EventEnvelope<?> answer) {
        String orderId = seen.orderId();
        Instant now = clock.instant();
        Update update = more.set("state", to).set("updatedAt", now);
        if (answer != null) {
            outbox.push(update, now, answer);
        }
        Query inState = Query.query(sameRound(seen).and("state").is(from));
        boolean moved = mongo.updateFirst(inState, update, Reservation.class).getMatchedCount() == 1;
        if (moved && answer != null) {
            outbox.stored(COLLECTION, orderId);
        }
        return moved;
    }

    /** The record of {@code seen}, as long as it is still in the round {@code seen} was read in. */
    private static Criteria sameRound(Reservation seen) {
        Criteria record = where("_id").is(seen.orderId());
        return seen.round() == null ? record.and(ROUND).exists(false) : record.and(ROUND).is(seen.round());
    }

    private Reservation insertOrFind(Reservation reservation) {
        try {
            return mongo.insert(reservation);
        }
        catch (DuplicateKeyException alreadyThere) {
            return get(reservation.orderId());
        }
    }
}
