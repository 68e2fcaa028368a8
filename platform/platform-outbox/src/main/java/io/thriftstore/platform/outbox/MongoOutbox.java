package io.thriftstore.platform.outbox;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.function.Supplier;

import org.springframework.data.mongodb.core.query.Update;

import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.tracing.TraceParents;

/**
 * The outbox of a MongoDB service. Without multi-document transactions, an outgoing event is pushed into
 * the {@value #FIELD} array of the very document whose change it announces, in the same single-document
 * update, so the change and its event are stored together or not at all. {@value #SINCE} is set (by
 * {@code $min}, which sets a missing field) when the array gains its first event and removed by the relay
 * once it is empty again: the relay finds documents with pending events through a sparse index on it.
 *
 * <pre>{@code
 * Update update = new Update().set("price", price).set("version", version + 1);
 * outbox.push(update, now, event);                                   // the event rides on the change
 * if (mongo.updateFirst(unchanged, update, Product.class).getMatchedCount() == 1) {
 *     outbox.stored(Products.COLLECTION, id);                         // relay it now, not at the next poll
 * }
 * }</pre>
 *
 * The collection must be declared as an {@link OutboxCollection} bean. Events of one document go out in
 * the order pushed; key them by the document's aggregate.
 */
public class MongoOutbox {

    public static final String FIELD = "pendingEvents";
    public static final String SINCE = "pendingSince";

    private final MongoOutboxStore store;
    private final Supplier<OutboxRelay> relay;
    private final TraceParents traceParents;

    /** @param relay this instance's relay, null where it runs none */
    MongoOutbox(MongoOutboxStore store, Supplier<OutboxRelay> relay, TraceParents traceParents) {
        this.store = store;
        this.relay = relay;
        this.traceParents = traceParents;
    }

    /** The event as stored in a new document's {@value #FIELD} (set {@value #SINCE} beside it), in the current trace. */
    public PendingEvent pendingEvent(EventEnvelope<?> envelope) {
        return PendingEvent.of(envelope, traceParents.current());
    }

    /**
     * Adds {@code envelopes}, in this order, to the events pending in the document that {@code update}
     * changes, with the current trace.
     */
    public Update push(Update update, Instant now, EventEnvelope<?>... envelopes) {
        String traceparent = traceParents.current();
        Object[] events = Arrays.stream(envelopes).map(envelope -> PendingEvent.of(envelope, traceparent).toDocument())
                .toArray();
        update.push(FIELD).each(events);
        update.min(SINCE, Date.from(now));
        return update;
    }

    /**
     * Events were just stored in this document of this collection: the relay sends them now rather than at
     * its next poll (which stays as the fallback). Returns at once.
     */
    public void stored(String collection, Object documentId) {
        OutboxRelay here = relay.get();
        if (here != null) {
            store.written(collection, documentId);
            here.wake();
        }
    }
}
