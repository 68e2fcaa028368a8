package io.thriftstore.product.outbox;

import io.thriftstore.platform.tracing.TraceParents;
import io.thriftstore.platform.events.EventCodec;
import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.kafka.EventPublisher;
import jakarta.annotation.PreDestroy;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Publishes the {@link PendingEvents} of every {@link RelayedCollection} and then removes them from their
 * documents. Runs every {@code thriftstore.product.relay.interval} on the instance that holds the
 * {@link RelayLease}, so several instances never relay at the same time.
 * <p>
 * Order: documents are taken oldest pending first, and the events of one document (one aggregate, so
 * one Kafka key) go out strictly in the order they were stored: the n-th event of a document is sent
 * only once Kafka acknowledged the (n-1)-th. Events of different documents are sent side by side.
 * An event leaves its document only after Kafka acknowledged it; anything unacknowledged (broker down,
 * timeout) stays and is sent again by a later pass, with the same envelope id, so consumers can drop the
 * rare duplicate. Nothing here needs a transaction: each removal is a single-document update.
 * <p>
 * Woken on write ({@link RelayTrigger}): a write that stores events asks for a pass at once, so a
 * reservation's answer leaves within milliseconds instead of up to one interval later (an order's way to
 * the seller crosses this relay and three others). A woken pass reads only the documents it was told about,
 * by id: the scheduled pass's query needs the sparse {@code pendingSince} index, which the MongoDB wire
 * server used locally does not build, so there it scans the whole collection; at one scan per order the
 * relay fell behind by thousands of events in the load test (docs/PERFORMANCE.md, fixes 2 and 6: the local
 * server serves the by-id query from the {@code _id} index only through platform/embedded-mongo). Passes are serialised
 * ({@code synchronized}), so a woken pass and a scheduled one never send the same events side by side; wakes
 * while one is queued collapse into it; while Kafka refuses events, wakes are ignored and the scheduled
 * passes retry.
 */
class PendingEventRelay implements RelayTrigger {

    private static final Logger log = LoggerFactory.getLogger(PendingEventRelay.class);

    private final MongoTemplate mongo;
    private final EventPublisher publisher;
    private final List<RelayedCollection> collections;
    private final RelayLease lease;
    private final RelayProperties properties;
    private final Clock clock;
    private final TraceParents traceParents;
    private volatile boolean failing;
    /** Events already reported as unreadable, so that each is logged once, not every pass. */
    private final Set<String> undecodable = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Written> written = new ConcurrentLinkedQueue<>();
    private final ExecutorService wakes = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "pending-event-relay-wake");
        thread.setDaemon(true);
        return thread;
    });

    PendingEventRelay(MongoTemplate mongo, EventPublisher publisher, List<RelayedCollection> collections,
                      RelayLease lease, RelayProperties properties, Clock clock, TraceParents traceParents) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.collections = List.copyOf(collections);
        this.lease = lease;
        this.properties = properties;
        this.clock = clock;
        this.traceParents = traceParents;
    }

    /** A document that was just given events to relay. */
    private record Written(String collection, Object id) {
    }

    @Override
    public void eventsStored(String collection, Object documentId) {
        if (failing) {
            return;
        }
        written.add(new Written(collection, documentId));
        if (wakeQueued.getAndSet(true)) {
            return;
        }
        try {
            wakes.execute(() -> {
                wakeQueued.set(false);
                relayWritten();
            });
        }
        catch (RejectedExecutionException shuttingDown) {
            wakeQueued.set(false);
        }
    }

    @PreDestroy
    void stopWaking() {
        wakes.shutdownNow();
    }

    /** The woken pass: the documents named since the last one, looked up by id, one query per collection. */
    synchronized void relayWritten() {
        Map<String, Set<Object>> ids = new LinkedHashMap<>();
        for (Written document; (document = written.poll()) != null; ) {
            ids.computeIfAbsent(document.collection(), name -> new LinkedHashSet<>()).add(document.id());
        }
        try {
            if (ids.isEmpty() || failing || !lease.tryAcquire()) {
                return; // the holder's scheduled pass finds them
            }
            for (Map.Entry<String, Set<Object>> collection : ids.entrySet()) {
                Query named = Query.query(where("_id").in(collection.getValue()).and(PendingEvents.SINCE).gte(new Date(0)));
                named.fields().include(PendingEvents.FIELD);
                List<Outgoing> batch = mongo.find(named, Document.class, collection.getKey()).stream().map(Outgoing::of).toList();
                if (batch.isEmpty()) {
                    continue;
                }
                boolean acknowledged = send(batch, clock.instant().plus(properties.sendTimeout()));
                remove(collection.getKey(), batch);
                if (!acknowledged) {
                    failing = true; // the scheduled passes retry, with the whole collection in view
                    return;
                }
            }
        }
        catch (RuntimeException e) {
            log.warn("Relaying just-stored events failed; the next pass retries: {}", e.toString());
        }
    }

    @Scheduled(fixedDelayString = "${thriftstore.product.relay.interval:1s}")
    synchronized void relayPending() {
        try {
            if (!lease.tryAcquire()) {
                return;
            }
            boolean acknowledged = true;
            for (RelayedCollection collection : collections) {
                acknowledged = relay(collection.name());
                if (!acknowledged) {
                    break;
                }
            }
            if (acknowledged && failing) {
                log.info("Kafka acknowledges pending events again");
            }
            failing = !acknowledged;
        }
        catch (RuntimeException e) {
            // MongoDB unreachable, most likely: the next pass tries again; nothing was lost.
            log.warn("Relaying pending events failed; retrying: {}", e.toString());
        }
    }

    /**
     * Relays what is pending in a collection, batch by batch while batches come full (a backlog after an
     * outage drains at Kafka's pace, not one batch per interval); {@code false} when Kafka did not
     * acknowledge everything.
     */
    boolean relay(String collection) {
        Query oldestFirst = Query.query(where(PendingEvents.SINCE).gte(new Date(0)))
            .with(Sort.by(PendingEvents.SINCE))
            .limit(properties.batchSize());
        oldestFirst.fields().include(PendingEvents.FIELD);
        while (true) {
            List<Outgoing> batch = mongo.find(oldestFirst, Document.class, collection).stream().map(Outgoing::of).toList();
            if (batch.isEmpty()) {
                return true;
            }
            boolean acknowledged = send(batch, clock.instant().plus(properties.sendTimeout()));
            boolean relayedAny = remove(collection, batch);
            if (!acknowledged) {
                if (!failing) {
                    log.warn("Kafka did not acknowledge every pending event of {}; they stay stored and are retried",
                        collection);
                }
                return false;
            }
            // A short batch was the last one; a full one that relayed nothing is stuck on unreadable events.
            if (batch.size() < properties.batchSize() || !relayedAny || !lease.tryAcquire()) {
                return true;
            }
        }
    }

    /** Sends round by round: round n holds the n-th event of every document whose earlier events were acknowledged. */
    private boolean send(List<Outgoing> batch, Instant deadline) {
        boolean refused = false;
        for (int round = 0; ; round++) {
            Map<Outgoing, CompletableFuture<?>> sends = new LinkedHashMap<>();
            for (Outgoing document : batch) {
                if (document.acknowledged.size() != round || document.events.size() <= round) {
                    continue;
                }
                Document event = document.events.get(round);
                EventEnvelope<EventData> envelope = decode(event);
                if (envelope == null) {
                    continue; // it and the events after it wait for a build that can read it
                }
                CompletableFuture<?> sent = sendOne(envelope, event.getString(PendingEvent.TRACEPARENT));
                sends.put(document, sent);
                if (sent.isCompletedExceptionally()) {
                    refused = true;
                    break; // Kafka refused at once (no metadata within max.block.ms): do not block once per document.
                }
            }
            if (sends.isEmpty()) {
                return !refused;
            }
            for (Map.Entry<Outgoing, CompletableFuture<?>> send : sends.entrySet()) {
                if (awaitAcknowledgement(send.getValue(), deadline)) {
                    Outgoing document = send.getKey();
                    document.acknowledged.add(document.events.get(round).getString(PendingEvent.EVENT_ID));
                }
                else {
                    refused = true;
                }
            }
        }
    }

    /**
     * The stored envelope, or {@code null} if this build cannot read it (a type it does not know, written by
     * a newer build during a rolling deployment, say): it stays stored, and so do the events after it,
     * to keep their order; the rest of the relay goes on.
     */
    private EventEnvelope<EventData> decode(Document event) {
        String eventId = event.getString(PendingEvent.EVENT_ID);
        try {
            return EventCodec.decode(event.getString("envelope").getBytes(StandardCharsets.UTF_8));
        }
        catch (RuntimeException e) {
            if (undecodable.add(eventId)) {
                log.error("Pending event {} cannot be read by this build and stays stored: {}", eventId, e.toString());
            }
            return null;
        }
    }

    /**
     * Published inside the trace of the change that stored the event: the observed KafkaTemplate's send span is
     * then a child of it, and the record's traceparent header names the writer's trace, not the relay's.
     */
    private CompletableFuture<?> sendOne(EventEnvelope<EventData> envelope, String traceparent) {
        try {
            return traceParents.continueFrom(traceparent, "relay " + envelope.type(), () -> publisher.publish(envelope));
        }
        catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private boolean awaitAcknowledgement(CompletableFuture<?> send, Instant deadline) {
        long waitMillis = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        try {
            send.get(waitMillis, TimeUnit.MILLISECONDS);
            return true;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        catch (Exception e) {
            return false;
        }
    }

    /**
     * Removes the acknowledged events from their documents, in one ordered bulk write (a round trip per batch,
     * not two per document: at 30 orders/s the per-document writes were most of the relay's time);
     * {@code false} if there were none. Each write is still a single-document update.
     */
    private boolean remove(String collection, List<Outgoing> batch) {
        List<Outgoing> relayed = batch.stream().filter(document -> !document.acknowledged.isEmpty()).toList();
        if (relayed.isEmpty()) {
            return false;
        }
        BulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, collection);
        for (Outgoing document : relayed) {
            writes.updateOne(Query.query(where("_id").is(document.id)), new Update().pull(PendingEvents.FIELD,
                new Document(PendingEvent.EVENT_ID, new Document("$in", document.acknowledged))));
        }
        // Then, only where nothing new was pushed meanwhile, the marker: otherwise the document must stay findable.
        for (Outgoing document : relayed) {
            writes.updateOne(Query.query(where("_id").is(document.id).and(PendingEvents.FIELD).size(0)),
                new Update().unset(PendingEvents.SINCE));
        }
        writes.execute();
        return true;
    }

    @PreDestroy
    void releaseLease() {
        try {
            lease.release();
        }
        catch (RuntimeException e) {
            log.debug("Could not give up the relay lease; it expires on its own: {}", e.toString());
        }
    }

    /** One document of a batch: its id, its pending events in order, and those Kafka acknowledged so far. */
    private record Outgoing(Object id, List<Document> events, List<String> acknowledged) {

        static Outgoing of(Document document) {
            List<Document> events = document.getList(PendingEvents.FIELD, Document.class, List.of());
            return new Outgoing(document.get("_id"), events, new ArrayList<>());
        }
    }
}
