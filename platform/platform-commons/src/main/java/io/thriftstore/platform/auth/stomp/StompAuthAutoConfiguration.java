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
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.messaging.MessageChannel;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.context.ServletContextAware;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import io.micrometer.core.instrument.FunctionCounter;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;

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

    /** The cap on sockets per instance: a filter on the upgrade and a decorator that counts open sockets. */
    @Bean
    StompSessionLimit stompSessionLimit(StompProperties properties,
                                        @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        return new StompSessionLimit(properties.maxSessions(), problems);
    }

    /** Ahead of Spring Security: an upgrade over the cap costs no token check. DESIGN section 7 fixes the path. */
    @Bean
    FilterRegistrationBean<StompSessionLimit> stompSessionLimitFilter(StompSessionLimit limit) {
        FilterRegistrationBean<StompSessionLimit> registration = new FilterRegistrationBean<>(limit);
        registration.addUrlPatterns("/ws", "/ws/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    MeterBinder stompRefusedMetric(StompSessionLimit limit) {
        return registry -> FunctionCounter.builder("stomp.upgrades.refused", limit, StompSessionLimit::refusedUpgrades)
                .description("WebSocket upgrades refused with 503 because this instance held its maximum of sockets")
                .register(registry);
    }

    /**
     * Every service's STOMP endpoint gets the cap's counting decorator and takes partial messages
     * ({@link StompSocketBuffers}); nothing to wire in the service.
     */
    @Bean
    WebSocketMessageBrokerConfigurer stompSocketTransport(StompSessionLimit limit, StompProperties properties) {
        return new WebSocketMessageBrokerConfigurer() {
            @Override
            public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
                registration.addDecoratorFactory(limit);
                registration.addDecoratorFactory(StompSocketBuffers.partialMessages(StompSocketBuffers.bytes(properties.bufferSize())));
            }
        };
    }

    /** Tomcat's per-socket buffers at {@code thriftstore.stomp.buffer-size} ({@link StompSocketBuffers}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.apache.tomcat.websocket.server.WsSci",
        "org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory"})
    static class TomcatSocketBuffers {

        /** Socket read and write buffers of every connection (HTTP too: they bound one read or write, not a request). */
        @Bean
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> stompConnectorBuffers(StompProperties properties) {
            String size = Integer.toString(StompSocketBuffers.bytes(properties.bufferSize()));
            return factory -> factory.addConnectorCustomizers(connector -> {
                connector.setProperty("socket.appReadBufSize", size);
                connector.setProperty("socket.appWriteBufSize", size);
            });
        }

        /**
         * The text and binary message buffers, as Spring's ServletServerContainerFactoryBean sets them, but
         * silent where there is no WebSocket container (a mock servlet context in tests).
         */
        @Bean
        ServletContextAware stompMessageBuffers(StompProperties properties) {
            int size = StompSocketBuffers.bytes(properties.bufferSize());
            return (ServletContext context) -> {
                if (context.getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container) {
                    container.setDefaultMaxTextMessageBufferSize(size);
                    container.setDefaultMaxBinaryMessageBufferSize(size);
                }
            };
        }
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
