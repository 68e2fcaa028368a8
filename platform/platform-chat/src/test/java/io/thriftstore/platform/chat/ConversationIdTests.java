package io.thriftstore.platform.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationIdTests {

    @Test
    void theIdIsTheSortedPairWhoeverStarts() {
        assertThat(ConversationId.between("user_b", "user_a")).hasToString("user_a:user_b");
        assertThat(ConversationId.between("user_a", "user_b")).hasToString("user_a:user_b");
    }

    @Test
    void membershipIsReadFromTheId() {
        ConversationId id = ConversationId.parse("user_a:user_b").orElseThrow();

        assertThat(id.hasParticipant("user_a")).isTrue();
        assertThat(id.hasParticipant("user_b")).isTrue();
        assertThat(id.hasParticipant("user_c")).isFalse();
        assertThat(id.hasParticipant("user_a:user_b")).isFalse();
        assertThat(id.otherThan("user_a")).isEqualTo("user_b");
    }

    @Test
    void anythingButTwoDifferentSortedIdsNamesNoConversation() {
        assertThat(ConversationId.parse("user_b:user_a")).as("unsorted").isEmpty();
        assertThat(ConversationId.parse("user_a:user_a")).as("yourself").isEmpty();
        assertThat(ConversationId.parse("user_a")).isEmpty();
        assertThat(ConversationId.parse("user_a:user_b:user_c")).isEmpty();
        assertThat(ConversationId.parse(":user_b")).isEmpty();
        assertThat(ConversationId.parse("user_a: user_b")).isEmpty();
        assertThat(ConversationId.parse(null)).isEmpty();
    }
}
