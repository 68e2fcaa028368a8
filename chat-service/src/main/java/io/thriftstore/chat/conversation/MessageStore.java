package io.thriftstore.chat.conversation;

import io.thriftstore.platform.chat.MessageText;
import io.thriftstore.platform.chat.MessageIds;
import io.thriftstore.platform.chat.ConversationId;
import io.thriftstore.platform.events.ChatMessageSent;
import jakarta.validation.ValidationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;
import static org.springframework.data.mongodb.core.query.Update.update;

/**
 * Stores each chat.message-sent once per message id and numbers it. Records of one conversation share
 * a partition (key = conversation id) and so arrive one after another: seq follows publish order.
 *
 * <p>Without transactions the steps are separate single-document writes, each safe to repeat: the
 * message is inserted first with its unique id (a duplicate key means a resend or a redelivery); a
 * message that is stored but not yet numbered (a crash in between) is numbered when the record comes
 * again. A crash after taking a seq but before writing it leaves a gap in the numbers, never a
 * duplicate or a lost message.
 */
@Component
class MessageStore {

    private final MongoTemplate mongo;
    private final Conversations conversations;

    MessageStore(MongoTemplate mongo, Conversations conversations) {
        this.mongo = mongo;
        this.conversations = conversations;
    }

    void store(ChatMessageSent sent) {
        ConversationId conversationId = validated(sent);
        StoredMessage message = new StoredMessage(sent.id(), conversationId.toString(), null, sent.senderId(),
            sent.senderName() == null || sent.senderName().isBlank() ? sent.senderId() : sent.senderName(),
            MessageText.normalise(sent.text()), sent.sentAt() == null ? Conversations.now() : sent.sentAt(),
            sent.clientMessageId());
        try {
            mongo.insert(message);
        }
        catch (DuplicateKeyException storedBefore) {
            StoredMessage existing = mongo.findById(message.id(), StoredMessage.class);
            if (existing == null || existing.seq() != null) {
                return;
            }
            message = existing;
        }
        conversations.ensureExists(conversationId);
        long seq = conversations.nextSeq(conversationId);
        mongo.updateFirst(query(where("_id").is(message.id()).and("seq").is(null)), update("seq", seq), StoredMessage.class);
        conversations.recordLastMessage(conversationId, message.withSeq(seq));
    }

    /** A record that breaks the rules can never be stored: it goes to the dead-letter topic, not around in retries. */
    private static ConversationId validated(ChatMessageSent sent) {
        ConversationId id = ConversationId.parse(sent.conversationId())
            .orElseThrow(() -> new ValidationException("Not a conversation id: " + sent.conversationId()));
        if (!id.hasParticipant(sent.senderId())) {
            throw new ValidationException("Sender " + sent.senderId() + " is not in " + id);
        }
        if (sent.clientMessageId() == null
            || !(MessageIds.of(sent.conversationId(), sent.senderId(), sent.clientMessageId()).equals(sent.id())
                 || MessageIds.beforeConversationIds(sent.senderId(), sent.clientMessageId()).equals(sent.id()))) {
            throw new ValidationException("Message id " + sent.id() + " is not derived from its conversation, sender and clientMessageId");
        }
        MessageText.problem(MessageText.normalise(sent.text())).ifPresent(problem -> {
            throw new ValidationException("text " + problem);
        });
        return id;
    }
}
