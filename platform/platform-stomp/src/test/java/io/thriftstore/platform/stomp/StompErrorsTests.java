package io.thriftstore.platform.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

class StompErrorsTests {

    final StompErrors errors = new StompErrors();
    final Message<byte[]> frame = MessageBuilder.createMessage(new byte[0],
            StompHeaderAccessor.create(StompCommand.SEND).getMessageHeaders());

    @Test
    void aRefusalKeepsItsWordsForTheClient() {
        Message<byte[]> error = errors.handleClientMessageProcessingError(frame,
                new StompErrors.Refusal(frame, "Invalid bearer token"));

        assertThat(StompHeaderAccessor.wrap(error).getCommand()).isEqualTo(StompCommand.ERROR);
        assertThat(StompHeaderAccessor.wrap(error).getMessage()).isEqualTo("Invalid bearer token");
    }

    @Test
    void anythingElseSaysNothingAboutTheServersInsides() {
        Message<byte[]> error = errors.handleClientMessageProcessingError(null, new IllegalArgumentException(
                "No enum constant org.springframework.messaging.simp.stomp.StompCommand.HELLO"));

        assertThat(StompHeaderAccessor.wrap(error).getCommand()).isEqualTo(StompCommand.ERROR);
        assertThat(StompHeaderAccessor.wrap(error).getMessage()).isEqualTo("Malformed or unsupported STOMP frame")
                .doesNotContain("org.springframework");
    }
}
