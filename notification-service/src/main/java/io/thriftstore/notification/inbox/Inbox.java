package io.thriftstore.notification.inbox;

import java.time.Instant;

import io.thriftstore.platform.events.NotificationCreated;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The stored notifications. Every write is a single-document operation (no transactions: they must
 * work on mongo-java-server and on a real replica set alike).
 */
@Component
public class Inbox {

    static final String COLLECTION = "notifications";

    private final MongoTemplate mongo;

    Inbox(MongoTemplate mongo) {
        this.mongo = mongo;
        // The inbox query (a user's newest first), the unread count, and the retention delete.
        mongo.indexOps(COLLECTION).createIndex(new Index().on("userId", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("userId", Sort.Direction.ASC).on("read", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("createdAt", Sort.Direction.ASC));
    }

    /**
     * Stores the notification unless it is there already: every field is set on insert only, so a
     * redelivery (or a second instance storing it at the same time) changes nothing, not even a
     * {@code read} flag the user set meanwhile.
     */
    public void store(NotificationCreated created) {
        Update insertOnly = new Update()
                .setOnInsert("userId", created.userId())
                .setOnInsert("type", created.type())
                .setOnInsert("title", created.title())
                .setOnInsert("body", created.body())
                .setOnInsert("link", created.link())
                .setOnInsert("sourceEventId", created.sourceEventId())
                .setOnInsert("createdAt", created.createdAt() != null ? created.createdAt() : Instant.now())
                .setOnInsert("read", false);
        try {
            mongo.upsert(Query.query(Criteria.where("_id").is(created.notificationId())), insertOnly, COLLECTION);
        }
        catch (DuplicateKeyException racedWithAnotherInstance) {
            // Two upserts of one new id at once: MongoDB lets one insert and fails the other; it is stored.
        }
    }

    Page<NotificationResponse> page(String userId, boolean unreadOnly, int page, int size) {
        Criteria criteria = Criteria.where("userId").is(userId);
        if (unreadOnly) {
            criteria = criteria.and("read").is(false);
        }
        PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")));
        long total = mongo.count(Query.query(criteria), COLLECTION);
        var content = mongo.find(Query.query(criteria).with(request), Notification.class, COLLECTION).stream()
                .map(NotificationResponse::of).toList();
        return new PageImpl<>(content, request, total);
    }

    long unreadCount(String userId) {
        return mongo.count(Query.query(Criteria.where("userId").is(userId).and("read").is(false)), COLLECTION);
    }

    /** @return false when the user has no notification with this id */
    boolean markRead(String userId, String id) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("userId").is(userId)),
                Update.update("read", true), COLLECTION).getMatchedCount() == 1;
    }

    void markAllRead(String userId) {
        mongo.updateMulti(Query.query(Criteria.where("userId").is(userId).and("read").is(false)),
                Update.update("read", true), COLLECTION);
    }

    /** Deletes notifications created before {@code cutoff}; idempotent, so any number of instances may run it. */
    public long deleteCreatedBefore(Instant cutoff) {
        return mongo.remove(Query.query(Criteria.where("createdAt").lt(cutoff)), COLLECTION).getDeletedCount();
    }
}
