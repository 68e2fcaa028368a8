package io.thriftstore.platform.stomp.testapp;

import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.stomp.StompDestinations;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.stereotype.Controller;

/**
 * A socket service built the way notification-service and ws-chat-service are: platform-stomp's auto-configuration,
 * the destinations it serves, and a {@code @MessageMapping} controller. No WebSocket configuration of its own.
 */
@SpringBootApplication
public class SocketApp {

    /** Static, as in the services: {@code StompAuthentication} is built from it. */
    @Bean
    static StompDestinations sampleDestinations() {
        return StompDestinations.subscribe("/user/queue/echo", "/user/queue/errors").andSend("/app/echo");
    }

    public record Echo(String text) {
    }

    @Controller
    static class EchoController {

        @MessageMapping("/echo")
        @SendToUser("/queue/echo")
        Echo echo(Echo echo, CurrentUser user) {
            return new Echo(user.name() + " (" + user.id() + "): " + echo.text());
        }
    }
}
