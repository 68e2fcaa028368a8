package io.thriftstore.platform.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageTextTests {

    @Test
    void textIsTrimmedAndMayHoldNewlinesAndTabs() {
        String text = MessageText.normalise("  Is it still available?\n\tI can pick it up today.  ");

        assertThat(text).isEqualTo("Is it still available?\n\tI can pick it up today.");
        assertThat(MessageText.problem(text)).isEmpty();
    }

    @Test
    void blankTextIsRefused() {
        assertThat(MessageText.problem(MessageText.normalise(" \n\t "))).contains("must not be blank");
        assertThat(MessageText.problem(MessageText.normalise(null))).contains("must not be blank");
    }

    @Test
    void twoThousandCharactersAreTheLimitCountingAnEmojiAsOne() {
        assertThat(MessageText.problem("x".repeat(2000))).isEmpty();
        assertThat(MessageText.problem("\uD83D\uDE00".repeat(2000))).as("2000 emoji, 4000 UTF-16 units").isEmpty();
        assertThat(MessageText.problem("x".repeat(2001))).contains("must be at most 2000 characters");
    }

    @Test
    void controlCharactersOtherThanNewlineAndTabAreRefused() {
        assertThat(MessageText.problem("bell\u0007")).isPresent();
        assertThat(MessageText.problem("carriage\rreturn")).isPresent();
        assertThat(MessageText.problem("escape\u001b[31m")).isPresent();
        assertThat(MessageText.problem("del\u007f")).isPresent();
    }

    @Test
    void aResendHasTheSameIdAndAnotherSendersOrConversationsMessageAnother() {
        assertThat(MessageIds.of("user_a:user_b", "user_a", "m-1")).isEqualTo(MessageIds.of("user_a:user_b", "user_a", "m-1"));
        assertThat(MessageIds.of("user_a:user_b", "user_a", "m-1")).isNotEqualTo(MessageIds.of("user_a:user_b", "user_b", "m-1"));
        assertThat(MessageIds.of("user_a:user_b", "user_a", "m-1")).isNotEqualTo(MessageIds.of("user_a:user_b", "user_a", "m-2"));
        // the same clientMessageId in another conversation is another message, not a lost one
        assertThat(MessageIds.of("user_a:user_b", "user_a", "m-1")).isNotEqualTo(MessageIds.of("user_a:user_c", "user_a", "m-1"));
    }
}
