package io.thriftstore.platform.stomp;

import io.thriftstore.platform.auth.AuthAutoConfiguration;
import io.thriftstore.platform.auth.DisplayNames;
import io.thriftstore.platform.events.Topics;
import io.thriftstore.platform.kafka.InstanceGroup;
import io.thriftstore.platform.kafka.KafkaPlatformAutoConfiguration;
import io.thriftstore.platform.web.AllowedOrigins;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.messaging.MessageChannel;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.context.ServletContextAware;
import org.springframework.web.servlet.HandlerExceptionResolver;
import io.micrometer.core.instrument.FunctionCounter;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;

/**
 * STOMP over WebSocket at {@code /ws} for every service that depends on platform-stomp (DESIGN section 7): the
 * broker is enabled here, and {@link StompEndpoint} does the whole set-up both socket services used to write
 * themselves. A service declares what its clients may subscribe and send to ({@link StompDestinations}) and
 * names {@link #SOCKET_PUSH_GROUP} in the listener that pushes to its sockets; see the module README.
 * <p>
 * Before Boot's {@code WebSocketMessagingAutoConfiguration}: that one adds Boot's JSON message converter only
 * when the broker configuration is already there, which it is when this class comes first.
 */
@AutoConfiguration(after = {AuthAutoConfiguration.class, KafkaPlatformAutoConfiguration.class},
    beforeName = "org.springframework.boot.websocket.autoconfigure.servlet.WebSocketMessagingAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = {"org.springframework.web.socket.handler.WebSocketHandlerDecorator",
    "org.springframework.messaging.simp.stomp.StompHeaderAccessor"})
@ConditionalOnBean({JwtDecoder.class, DisplayNames.class})
@EnableConfigurationProperties(StompProperties.class)
@EnableWebSocketMessageBroker
public class StompAutoConfiguration {

    /** The bean name of the per-instance push group: {@code groupId = "#{@socketPushGroup.id()}"}. */
    public static final String SOCKET_PUSH_GROUP = "socketPushGroup";

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
        registration.addUrlPatterns(StompEndpoint.PATH, StompEndpoint.PATH + "/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    MeterBinder stompRefusedMetric(StompSessionLimit limit) {
        return registry -> FunctionCounter.builder("stomp.upgrades.refused", limit, StompSessionLimit::refusedUpgrades)
                .description("WebSocket upgrades refused with 503 because this instance held its maximum of sockets")
                .register(registry);
    }

    /** The endpoint, its broker and every interceptor and decorator above, written once (see {@link StompEndpoint}). */
    @Bean
    StompEndpoint stompEndpoint(StompAuthentication authentication, StompSessions sessions, StompSessionLimit limit,
                                StompErrors errors, AllowedOrigins origins, StompProperties properties,
                                @Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler heartbeats) {
        return new StompEndpoint(authentication, sessions, limit, errors, origins, properties, heartbeats);
    }

    /**
     * A consumer group of this instance alone: the socket of the user a record is for may be held by any
     * instance, so every instance reads every record and pushes to the sockets it holds.
     */
    @Bean(SOCKET_PUSH_GROUP)
    @ConditionalOnBean(Topics.class)
    InstanceGroup socketPushGroup(Topics topics, @Value("${spring.application.name}") String application) {
        return InstanceGroup.of(topics, application, "push");
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
