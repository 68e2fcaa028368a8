package io.thriftstore.platform.stomp;

import io.thriftstore.platform.kafka.InstanceGroup;
import io.thriftstore.platform.stomp.testapp.SocketAppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a service gets from platform-stomp without writing any WebSocket configuration: the endpoint, the broker
 * with heartbeats, the destination rules on SEND and the per-instance push group.
 */
class StompEndpointIT extends SocketAppTest {

    @Autowired
    ApplicationContext context;

    @Test
    void theServerOffersTheConfiguredHeartbeatsBothWays() throws Exception {
        RawSocket raw = connect(newUserId(), "heart-beat:10000,10000");

        // Each side then beats at the slower of what one offers and the other wants (STOMP 1.2).
        assertThat(raw.frames.get(0)).contains("heart-beat:" + HEARTBEAT_MILLIS + "," + HEARTBEAT_MILLIS);
    }

    @Test
    void aClientCannotSendIntoAnotherUsersQueue() throws Exception {
        RawSocket mallory = connect(newUserId(), "heart-beat:0,0");

        mallory.send("SEND\ndestination:/user/" + newUserId() + "/queue/echo\ncontent-type:application/json\n\n{}\0");

        await().atMost(Duration.ofSeconds(10)).until(() -> mallory.closed.isDone());
        assertThat(mallory.frames).anySatisfy(frame -> assertThat(frame)
            .startsWith("ERROR").contains("Clients may not send to /user/"));
    }

    @Test
    void eachInstanceHasAPushGroupOfItsOwn() {
        InstanceGroup group = context.getBean(StompAutoConfiguration.SOCKET_PUSH_GROUP, InstanceGroup.class);

        assertThat(group.id()).contains("socket-app-push-");
    }

    /**
     * Boot adds its JSON converter (the service's JsonMapper) only when the broker configuration exists by then:
     * platform-stomp's auto-configuration enables the broker and must come first.
     */
    @Test
    void bootsJsonConverterForFramesIsInPlace() {
        assertThat(context.containsBean("springBootWebSocketMessageBrokerConfigurer")).isTrue();
    }

    private RawSocket connect(String userId, String heartbeat) throws Exception {
        RawSocket raw = RawSocket.open(URI.create("ws://localhost:" + port + "/ws"));
        raw.send("CONNECT\naccept-version:1.2\n" + heartbeat + "\nAuthorization:" + bearer(userId, "Someone") + "\n\n\0");
        await().atMost(Duration.ofSeconds(10)).until(() -> raw.frames.stream().anyMatch(frame -> frame.startsWith("CONNECTED")));
        return raw;
    }
}
