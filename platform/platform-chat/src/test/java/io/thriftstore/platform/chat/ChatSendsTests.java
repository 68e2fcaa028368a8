package io.thriftstore.platform.chat;

import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.events.ChatMessageSent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The send rules both chat paths share, and the budget counted from what an instance accepts and reads. */
class ChatSendsTests {

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    final ChatSends sends = new ChatSends(3, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
    final CurrentUser alice = new CurrentUser("user_alice", "Alice");
    final String conversation = ConversationId.between("user_alice", "user_bob").toString();

    @Test
    void anAcceptedSendIsTheMessageToPublishWithItsDerivedId() {
        ChatSends.Outcome outcome = sends.accept(conversation, alice, "c-1", "  Still for sale?  ");

        assertThat(outcome).isInstanceOf(ChatSends.Outcome.Accepted.class);
        ChatMessageSent message = ((ChatSends.Outcome.Accepted) outcome).message();
        assertThat(message.id()).isEqualTo(MessageIds.of(conversation, "user_alice", "c-1"));
        assertThat(message.text()).isEqualTo("Still for sale?");
        assertThat(message.recipientId()).isEqualTo("user_bob");
        assertThat(message.sentAt()).isEqualTo(NOW);
    }

    @Test
    void refusalsSayWhy() {
        assertThat(sends.accept("user_bob:user_carol", alice, "c-1", "hi")).isInstanceOf(ChatSends.Outcome.NotFound.class);
        assertThat(sends.accept("nonsense", alice, "c-1", "hi")).isInstanceOf(ChatSends.Outcome.NotFound.class);
        assertThat(sends.accept(conversation, alice, " ", "hi")).isEqualTo(new ChatSends.Outcome.Invalid("clientMessageId", "must be 1..100 characters"));
        assertThat(sends.accept(conversation, alice, "c-1", "ding\u0007")).extracting(outcome -> ((ChatSends.Outcome.Invalid) outcome).field())
            .isEqualTo("text");
        assertThat(sends.remaining("user_alice")).as("refused sends take no permit").isEqualTo(3);
    }

    @Test
    void sendsAcceptedElsewhereDrainTheBudgetButOwnOnesCountOnce() {
        ChatMessageSent own = ((ChatSends.Outcome.Accepted) sends.accept(conversation, alice, "here-1", "mine")).message();
        sends.observed(own);
        sends.observed(elsewhere("there-1", NOW.minusSeconds(5)));
        assertThat(sends.remaining("user_alice")).isEqualTo(1);

        sends.observed(elsewhere("there-2", NOW));
        sends.observed(elsewhere("there-3", NOW));
        assertThat(sends.remaining("user_alice")).as("in debt").isEqualTo(-1);
        ChatSends.Outcome refused = sends.accept(conversation, alice, "here-2", "one more");
        assertThat(refused).isInstanceOf(ChatSends.Outcome.RateLimited.class);
        assertThat(((ChatSends.Outcome.RateLimited) refused).retryAfter()).isPositive();
        assertThat(sends.remaining("user_bob")).isEqualTo(3);
    }

    @Test
    void aRecordOlderThanThePeriodDoesNotCount() {
        sends.observed(elsewhere("old-1", NOW.minus(Duration.ofHours(2))));
        assertThat(sends.remaining("user_alice")).isEqualTo(3);
    }

    @Test
    void aSendThatCouldNotBePublishedGivesItsPermitBack() {
        ChatMessageSent message = ((ChatSends.Outcome.Accepted) sends.accept(conversation, alice, "c-1", "hi")).message();
        sends.notSent(message);
        assertThat(sends.remaining("user_alice")).isEqualTo(3);
    }

    private ChatMessageSent elsewhere(String clientMessageId, Instant sentAt) {
        return new ChatMessageSent(MessageIds.of(conversation, "user_alice", clientMessageId), conversation, "user_alice",
            "Alice", "sent elsewhere", sentAt, clientMessageId, "user_bob");
    }
}
