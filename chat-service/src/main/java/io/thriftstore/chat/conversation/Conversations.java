package io.thriftstore.chat.conversation;

import io.thriftstore.platform.chat.ConversationId;
import io.thriftstore.platform.auth.CurrentUser;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Conversations and their messages in MongoDB. Every change is a single-document update, as MongoDB
 * without transactions (and mongo-java-server) allows; the unread count is counted from the messages
 * themselves, so it cannot drift from the history.
 */
@Component
class Conversations implements InitializingBean {

    private final MongoTemplate mongo;

    Conversations(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(Conversation.COLLECTION).createIndex(
            new Index().on("participantIds", Sort.Direction.ASC).on("updatedAt", Sort.Direction.DESC).named("inbox"));
        mongo.indexOps(StoredMessage.COLLECTION).createIndex(
            new Index().on("conversationId", Sort.Direction.ASC).on("seq", Sort.Direction.DESC).named("history"));
    }

    /** Creates the conversation unless it exists; the caller's name and the product are updated either way. */
    boolean start(ConversationId id, CurrentUser caller, String productId) {
        boolean created = ensureExists(id);
        Update update = new Update().set("participants." + id.indexOf(caller.id()) + ".name", caller.name());
        if (productId != null) {
            // The item being discussed: the latest one is kept (DESIGN section 5).
            update.set("productId", productId).set("updatedAt", now());
        }
        mongo.updateFirst(byId(id), update, Conversation.class);
        return created;
    }

    /** true if this call created it. */
    boolean ensureExists(ConversationId id) {
        try {
            mongo.insert(Conversation.start(id, now()));
            return true;
        }
        catch (DuplicateKeyException alreadyThere) {
            return false;
        }
    }

    Optional<Conversation> find(ConversationId id) {
        return Optional.ofNullable(mongo.findById(id.toString(), Conversation.class));
    }

    /** The user's conversations, newest activity first. */
    Page<Conversation> inbox(String userId, int page, int size) {
        Query inbox = query(where("participantIds").is(userId));
        long total = mongo.count(inbox, Conversation.class);
        PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Order.desc("updatedAt"), Sort.Order.asc("_id")));
        List<Conversation> content = mongo.find(Query.of(inbox).with(request), Conversation.class);
        return new PageImpl<>(content, request, total);
    }

    /** Messages of the other participant that {@code userId} has not read yet. */
    long unreadCount(Conversation conversation, String userId) {
        long lastRead = conversation.participant(userId).lastReadSeq();
        return mongo.count(query(where("conversationId").is(conversation.id()).and("seq").gt(lastRead)
            .and("senderId").ne(userId)), StoredMessage.class);
    }

    ConversationResponse response(Conversation conversation, String userId) {
        return new ConversationResponse(conversation.id(),
            conversation.participants().stream()
                .map(p -> new ConversationResponse.ParticipantResponse(p.userId(), p.name())).toList(),
            conversation.productId(), conversation.lastMessage(), unreadCount(conversation, userId),
            conversation.updatedAt());
    }

    /** Marks read up to {@code upTo} (all when null); reading never moves backwards. */
    void markRead(Conversation conversation, String userId, Long upTo) {
        long until = upTo == null ? conversation.seq() : Math.min(Math.max(upTo, 0), conversation.seq());
        mongo.updateFirst(query(where("_id").is(conversation.id())),
            new Update().max("participants." + ConversationId.parse(conversation.id()).orElseThrow().indexOf(userId)
                + ".lastReadSeq", until), Conversation.class);
    }

    /**
     * The latest {@code limit} numbered messages before {@code before} (all when null), oldest first,
     * plus whether older ones exist.
     */
    History history(ConversationId id, Long before, int limit) {
        Criteria criteria = where("conversationId").is(id.toString());
        criteria = before == null ? criteria.and("seq").ne(null) : criteria.and("seq").lt(before);
        List<StoredMessage> newestFirst = mongo.find(query(criteria).with(Sort.by(Sort.Direction.DESC, "seq")).limit(limit + 1),
            StoredMessage.class);
        boolean more = newestFirst.size() > limit;
        List<MessageResponse> page = new ArrayList<>(newestFirst.stream().limit(limit).map(StoredMessage::response).toList());
        Collections.reverse(page);
        Long nextBefore = more && !page.isEmpty() ? page.get(0).seq() : null;
        return new History(page, nextBefore);
    }

    /** Hands out the conversation's next seq (an atomic increment on its document). */
    long nextSeq(ConversationId id) {
        Conversation updated = mongo.findAndModify(byId(id), new Update().inc("seq", 1),
            FindAndModifyOptions.options().returnNew(true), Conversation.class);
        if (updated == null) {
            throw new IllegalStateException("Conversation " + id + " vanished");
        }
        return updated.seq();
    }

    /** The inbox side of a stored message: last message, activity time, the sender's name, and the sender has read it all. */
    void recordLastMessage(ConversationId id, StoredMessage message) {
        String sender = "participants." + id.indexOf(message.senderId());
        mongo.updateFirst(byId(id), new Update()
            .set("lastMessage", message.response())
            .set("updatedAt", now())
            .set(sender + ".name", message.senderName())
            .max(sender + ".lastReadSeq", message.seq()), Conversation.class);
    }

    private static Query byId(ConversationId id) {
        return query(where("_id").is(id.toString()));
    }

    /** MongoDB keeps milliseconds: what is returned must equal what is read back later. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    record History(List<MessageResponse> content, Long nextBefore) {
    }
}
