package io.thriftstore.platform.auth.stomp;

import io.thriftstore.platform.auth.AuthAutoConfiguration;
import io.thriftstore.platform.auth.DisplayNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.MessageChannel;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * STOMP building blocks, present only when spring-websocket is (it is optional for platform-commons
 * users). A service's {@code @EnableWebSocketMessageBroker} configuration wires them in; see the
 * module README.
 */
@AutoConfiguration(after = AuthAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = {"org.springframework.web.socket.handler.WebSocketHandlerDecorator",
    "org.springframework.messaging.simp.stomp.StompHeaderAccessor"})
@ConditionalOnBean({JwtDecoder.class, DisplayNames.class})
@EnableConfigurationProperties(StompProperties.class)
public class StompAuthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    StompSessions stompSessions(StompProperties properties) {
        return new StompSessions(properties.expiryGrace(), properties.sweepInterval());
    }

    @Bean
    @ConditionalOnMissingBean
    StompErrors stompErrors() {
        return new StompErrors();
    }

    /** A frame announcing more than the size limit is refused when it arrives, not left waiting for its body. */
    @Bean
    static AnnouncedLengthLimit stompAnnouncedLengthLimit(ListableBeanFactory beans) {
        return new AnnouncedLengthLimit(beans);
    }

    /** Open sockets per instance ({@code stomp_sessions_open} in Prometheus), for dashboards and scaling. */
    @Bean
    MeterBinder stompSessionsMetric(StompSessions sessions) {
        return registry -> Gauge.builder("stomp.sessions.open", sessions, StompSessions::openSessions)
                .description("Open STOMP WebSocket sessions held by this instance")
                .register(registry);
    }

    @Bean
    @ConditionalOnMissingBean
    StompAuthentication stompAuthentication(JwtDecoder jwtDecoder, DisplayNames displayNames,
                                            ObjectProvider<StompDestinations> destinations, StompSessions sessions,
                                            BeanFactory beans) {
        return new StompAuthentication(jwtDecoder, displayNames, destinations.orderedStream().toList(), sessions,
                () -> beans.getBean("clientOutboundChannel", MessageChannel.class));
    }
}
