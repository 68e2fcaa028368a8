package io.thriftstore.platform.outbox;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * MongoDB: makes one instance at a time the relay. Moved here from product-service with the same
 * collection and document, so instances of the old and the new build exclude each other during a rolling
 * deployment. The lease is one document ({@code _id} = its name, {@value #RELAY} for the relay) holding
 * its {@code holder} and {@code expiresAt}. An instance takes or renews it with one conditional upsert:
 * it matches when the lease is already ours or has expired; when it is held by someone else the upsert
 * tries to insert a second document with the same {@code _id} and fails on the unique {@code _id} index, so
 * two instances can never both succeed. Expiry is checked by the application (the MongoDB servers we
 * run on have no TTL indexes, and a TTL index would be too coarse anyway); it assumes the instances'
 * clocks agree to well within the lease time.
 */
class MongoLease {

    static final String COLLECTION = "relay_leases";
    static final String RELAY = "pending-event-relay";

    private final MongoTemplate mongo;
    private final String name;
    private final Clock clock;
    private final Duration ttl;
    private final String holder = UUID.randomUUID().toString();

    MongoLease(MongoTemplate mongo, String name, Clock clock, Duration ttl) {
        this.mongo = mongo;
        this.name = name;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Takes or renews the lease; {@code true} when this instance holds it for the next {@code ttl}. */
    boolean tryAcquire() {
        Date now = Date.from(clock.instant());
        Query ours = Query.query(where("_id").is(name)
            .orOperator(where("holder").is(holder), where("expiresAt").lt(now)));
        Update take = new Update().set("holder", holder).set("expiresAt", Date.from(clock.instant().plus(ttl)));
        try {
            mongo.upsert(ours, take, COLLECTION);
            return true;
        }
        catch (DuplicateKeyException heldByAnother) {
            return false;
        }
    }

    /** Gives the lease up (on shutdown), so that another instance takes over at once. */
    void release() {
        mongo.remove(Query.query(Criteria.where("_id").is(name).and("holder").is(holder)), COLLECTION);
    }

    String holder() {
        return holder;
    }
}
