package io.thriftstore.notification.delivery;

import io.thriftstore.platform.stomp.StompDestinations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What this service's STOMP endpoint serves: the only subscription is {@code /user/queue/notifications}, and
 * clients send nothing. The endpoint {@code /ws}, its authentication, the socket cap and buffers, session expiry and
 * the per-instance push group are platform-stomp's (DESIGN section 7).
 */
@Configuration(proxyBeanMethods = false)
class WebSocketConfig {

    static final String USER_DESTINATION = "/queue/notifications";

    /** Static: StompAuthentication (which the socket set-up needs) is built from it. */
    @Bean
    static StompDestinations notificationDestinations() {
        return StompDestinations.subscribe("/user" + USER_DESTINATION);
    }
}
