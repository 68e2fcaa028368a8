package io.thriftstore.product.outbox;

import org.bson.Document;
import org.springframework.data.mongodb.core.query.Update;

import io.thriftstore.platform.events.EventEnvelope;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;

/**
 * The outbox of a MongoDB document: without multi-document transactions, an outgoing event is
 * pushed into the {@value #FIELD} array of the very document whose change it announces, in the same
 * single-document update, so the change and its event are stored together or not at all.
 * {@value #SINCE} is set (by {@code $min}, which sets a missing field) when the array gains its first
 * event and removed by the relay once it is empty again: the relay finds documents with pending events
 * through an index on it instead of scanning the collection.
 */
public final class PendingEvents {

    public static final String FIELD = "pendingEvents";
    public static final String SINCE = "pendingSince";

    private PendingEvents() {
    }

    /**
     * Adds {@code envelopes}, in this order, to the events pending in the document that {@code update} changes,
     * with the trace of the change ({@code traceparent}, null outside a trace).
     */
    public static Update push(Update update, Instant now, String traceparent, EventEnvelope<?>... envelopes) {
        Object[] events = Arrays.stream(envelopes).map(envelope -> PendingEvent.of(envelope, traceparent))
            .map(PendingEvents::toDocument).toArray();
        update.push(FIELD).each(events);
        update.min(SINCE, Date.from(now));
        return update;
    }

    static Document toDocument(PendingEvent event) {
        return new Document(PendingEvent.EVENT_ID, event.eventId())
            .append("type", event.type())
            .append("envelope", event.envelope())
            .append(PendingEvent.TRACEPARENT, event.traceparent());
    }
}
