package io.thriftstore.platform.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import io.thriftstore.platform.events.EventCodec;
import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.Topics;

/**
 * The MongoDB {@link OutboxStore}: events wait inside the documents whose change they announce
 * ({@link MongoOutbox}), in the {@link OutboxCollection}s. One relay at a time by a {@link MongoLease}.
 *
 * <p>Order: documents are read oldest pending first, and the events of one document (one aggregate, one
 * Kafka key) in the order they were pushed. An event leaves its document only once Kafka acknowledged it
 * ({@link #markSent}); nothing here needs a transaction, each removal is a single-document update.
 *
 * <p>Rounds asked for by a write ({@code justWritten}) read only the documents named since the last such
 * round ({@link #written}), by id: the scheduled round's query needs the sparse {@code pendingSince}
 * index, which the MongoDB wire server used locally does not build, so there it scans the whole
 * collection; at one scan per order the relay fell behind by thousands of events in the load test
 * (docs/PERFORMANCE.md, fixes 2 and 6).
 */
class MongoOutboxStore implements OutboxStore {

    private static final Logger log = LoggerFactory.getLogger(MongoOutboxStore.class);

    /** Documents remembered for a woken round at most; beyond, the scheduled rounds find them. */
    static final int MAX_WRITTEN = 10_000;

    private final MongoTemplate mongo;
    private final List<String> collections;
    private final MongoLease lease;
    private final Topics topics;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Written> written = new ConcurrentLinkedQueue<>();
    private final AtomicInteger writtenCount = new AtomicInteger();
    /** Events already reported as unreadable, so that each is logged once, not every round. */
    private final Set<String> undecodable = ConcurrentHashMap.newKeySet();

    MongoOutboxStore(MongoTemplate mongo, List<OutboxCollection> collections, MongoLease lease, Topics topics,
            Clock clock) {
        this.mongo = mongo;
        this.collections = collections.stream().map(OutboxCollection::name).distinct().toList();
        this.lease = lease;
        this.topics = topics;
        this.clock = clock;
    }

    /** Sparse: only documents with events waiting carry the field, and only they are looked up. */
    void createIndexes() {
        for (String collection : collections) {
            mongo.indexOps(collection).createIndex(
                    new Index().on(MongoOutbox.SINCE, Sort.Direction.ASC).sparse().named("pending_since"));
        }
    }

    /** Where an event is stored: {@link #markSent} pulls it from there. */
    record Ref(String collection, Object documentId, String eventId) {
    }

    /** A document that was just given events to relay. */
    private record Written(String collection, Object id) {
    }

    void written(String collection, Object documentId) {
        if (writtenCount.incrementAndGet() > MAX_WRITTEN) {
            writtenCount.decrementAndGet();
            return;
        }
        written.add(new Written(collection, documentId));
    }

    @Override
    public <T> Optional<T> asOnlyRelay(Supplier<T> round) {
        return lease.tryAcquire() ? Optional.of(round.get()) : Optional.empty();
    }

    /** Renews the lease: a wave waits at most the send timeout (plus a grace), well within it. */
    @Override
    public boolean stillTheRelay() {
        return lease.tryAcquire();
    }

    @Override
    public Batch pending(int limit, boolean justWritten) {
        return justWritten ? pendingWritten(limit) : pendingOldestFirst(limit);
    }

    private Batch pendingOldestFirst(int limit) {
        List<StoredEvent> events = new ArrayList<>();
        boolean full = false;
        for (String collection : collections) {
            Query oldestFirst = Query.query(where(MongoOutbox.SINCE).gte(new Date(0)))
                    .with(Sort.by(MongoOutbox.SINCE)).limit(limit);
            oldestFirst.fields().include(MongoOutbox.FIELD);
            List<Document> documents = mongo.find(oldestFirst, Document.class, collection);
            documents.forEach(document -> addEvents(collection, document, events));
            full |= documents.size() == limit;
        }
        return new Batch(events, full);
    }

    /** The documents named since the last woken round (up to {@code limit}), one query by id per collection. */
    private Batch pendingWritten(int limit) {
        Map<String, Set<Object>> ids = new LinkedHashMap<>();
        Written document;
        for (int taken = 0; taken < limit && (document = written.poll()) != null; taken++) {
            writtenCount.decrementAndGet();
            ids.computeIfAbsent(document.collection(), name -> new LinkedHashSet<>()).add(document.id());
        }
        List<StoredEvent> events = new ArrayList<>();
        for (Map.Entry<String, Set<Object>> collection : ids.entrySet()) {
            Query named = Query.query(where("_id").in(collection.getValue()).and(MongoOutbox.SINCE).gte(new Date(0)));
            named.fields().include(MongoOutbox.FIELD);
            mongo.find(named, Document.class, collection.getKey())
                    .forEach(stored -> addEvents(collection.getKey(), stored, events));
        }
        return new Batch(events, !written.isEmpty());
    }

    /** The document's events in order, up to the first one this build cannot read. */
    private void addEvents(String collection, Document document, List<StoredEvent> events) {
        Object id = document.get("_id");
        for (Document event : document.getList(MongoOutbox.FIELD, Document.class, List.of())) {
            StoredEvent stored = toStoredEvent(collection, id, event);
            if (stored == null) {
                return; // it and the events after it wait for a build that can read it, to keep their order
            }
            events.add(stored);
        }
    }

    /**
     * The stored envelope as the relay sends it, or {@code null} if this build cannot read it (a type it
     * does not know, written by a newer build during a rolling deployment, say).
     */
    private StoredEvent toStoredEvent(String collection, Object documentId, Document event) {
        String eventId = event.getString(PendingEvent.EVENT_ID);
        byte[] payload = event.getString(PendingEvent.ENVELOPE).getBytes(StandardCharsets.UTF_8);
        try {
            EventEnvelope<EventData> envelope = EventCodec.decode(payload);
            EventType type = envelope.eventType()
                    .orElseThrow(() -> new IllegalArgumentException("unknown event type " + envelope.type()));
            return new StoredEvent(new Ref(collection, documentId, eventId), topics.of(type), envelope.key(), payload,
                    event.getString(PendingEvent.TRACEPARENT));
        } catch (RuntimeException e) {
            if (undecodable.add(eventId)) {
                log.error("Pending event {} cannot be read by this build and stays stored: {}", eventId, e.toString());
            }
            return null;
        }
    }

    /**
     * Removes the acknowledged events from their documents, in one ordered bulk write per collection (a round
     * trip per batch, not two per document: at 30 orders/s the per-document writes were most of the relay's
     * time). Each write is still a single-document update.
     */
    @Override
    public void markSent(List<StoredEvent> sent) {
        Map<String, Map<Object, List<String>>> byDocument = new LinkedHashMap<>();
        for (StoredEvent event : sent) {
            Ref ref = (Ref) event.ref();
            byDocument.computeIfAbsent(ref.collection(), name -> new LinkedHashMap<>())
                    .computeIfAbsent(ref.documentId(), id -> new ArrayList<>()).add(ref.eventId());
        }
        byDocument.forEach((collection, documents) -> {
            BulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, collection);
            documents.forEach((id, eventIds) -> writes.updateOne(Query.query(where("_id").is(id)),
                    new Update().pull(MongoOutbox.FIELD, new Document(PendingEvent.EVENT_ID, new Document("$in", eventIds)))));
            // Then, only where nothing new was pushed meanwhile, the marker: otherwise the document must stay findable.
            documents.keySet().forEach(id -> writes.updateOne(
                    Query.query(where("_id").is(id).and(MongoOutbox.FIELD).size(0)), new Update().unset(MongoOutbox.SINCE)));
            writes.execute();
        });
    }

    /** The event stays in its document; the relay logs the failure (the documents have no attempt counter). */
    @Override
    public void recordFailure(StoredEvent event, String error) {
        log.debug("Pending event {} not acknowledged: {}", ((Ref) event.ref()).eventId(), error);
    }

    /**
     * Pending events across the collections and the age of the oldest document holding some. Reads every
     * pending document's array: only on a scrape, at most once a second ({@link OutboxMetrics}).
     */
    @Override
    public Backlog backlog() {
        long pending = 0;
        Date oldest = null;
        for (String collection : collections) {
            Query waiting = Query.query(where(MongoOutbox.SINCE).gte(new Date(0)));
            waiting.fields().include(MongoOutbox.SINCE).include(MongoOutbox.FIELD + "." + PendingEvent.EVENT_ID);
            for (Document document : mongo.find(waiting, Document.class, collection)) {
                pending += document.getList(MongoOutbox.FIELD, Document.class, List.of()).size();
                Date since = document.getDate(MongoOutbox.SINCE);
                if (since != null && (oldest == null || since.before(oldest))) {
                    oldest = since;
                }
            }
        }
        double age = oldest == null ? 0
                : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toMillis() / 1000.0);
        return new Backlog(pending, age);
    }

    /** Gives the lease up on shutdown, so that another instance takes over at once. */
    @Override
    public void releaseRelay() {
        lease.release();
    }
}
