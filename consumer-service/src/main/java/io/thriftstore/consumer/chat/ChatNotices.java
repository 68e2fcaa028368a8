package io.thriftstore.consumer.chat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import io.thriftstore.consumer.config.ConsumerProperties;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The chat throttle: when each recipient was last told about each conversation. */
@Repository
class ChatNotices {

    private final JdbcTemplate jdbc;
    private final Duration quietPeriod;

    ChatNotices(JdbcTemplate jdbc, ConsumerProperties properties) {
        this.jdbc = jdbc;
        this.quietPeriod = properties.chatQuietPeriod();
    }

    /**
     * Claims the right to notify: true (and the time recorded) when the recipient was not told about
     * this conversation within the quiet period before {@code at}. One conditional upsert, so two
     * messages processed at once cannot both pass a check.
     */
    boolean claim(String conversationId, String recipientId, Instant at) {
        return jdbc.update("""
                INSERT INTO chat_notice (conversation_id, recipient_id, last_notified_at) VALUES (?, ?, ?)
                ON CONFLICT (conversation_id, recipient_id) DO UPDATE SET last_notified_at = excluded.last_notified_at
                WHERE chat_notice.last_notified_at <= excluded.last_notified_at - make_interval(secs => ?)""",
                conversationId, recipientId, Timestamp.from(at), (double) quietPeriod.toMillis() / 1000) == 1;
    }
}
