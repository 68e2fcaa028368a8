package io.thriftstore.platform.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.time.Duration;
import java.util.List;

/**
 * Problem details for every error (MVC exceptions, {@code /error}, oversized bodies), the allowed
 * origins and the CORS policy of DESIGN section 5.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebLimitsProperties.class)
public class WebProblemsAutoConfiguration {

    /** Just before Spring Security's filter chain (-100), so an oversized body is refused before any work. */
    static final int BODY_SIZE_FILTER_ORDER = -101;
    /**
     * Before the body limit and Spring Security, after the observation filter (HIGHEST_PRECEDENCE + 1): a request
     * refused for being one too many costs no authentication, and still counts in http.server.requests as a 503.
     */
    static final int IN_FLIGHT_FILTER_ORDER = -102;

    @Bean
    @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
    ProblemDetailsHandler problemDetailsHandler() {
        return new ProblemDetailsHandler();
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    /** Tomcat's refusals made before any application sees the request (an encoded slash, a NUL) as problems too. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.apache.catalina.valves.ErrorReportValve",
        "org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory"})
    static class TomcatProblems {

        @Bean
        ProblemErrorReportValveCustomizer problemErrorReportValveCustomizer() {
            return new ProblemErrorReportValveCustomizer();
        }
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(WebLimitsProperties limits,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        var registration = new FilterRegistrationBean<>(new BodySizeLimitFilter(limits.maxBodySize().toBytes(), problems));
        registration.setOrder(BODY_SIZE_FILTER_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<InFlightLimitFilter> inFlightLimitFilter(WebLimitsProperties limits,
            ObjectProvider<MeterRegistry> registry, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        // Test slices (@WebMvcTest) have no registry: Micrometer's global one, empty there, makes the meters no-ops.
        MeterRegistry meters = registry.getIfAvailable(() -> Metrics.globalRegistry);
        var refusals = new Refusals(Counter.builder("http.requests.refused").tag("reason", "busy")
            .description("Requests refused with 503 because too many were in flight (thriftstore.web.max-in-flight)")
            .register(meters), LoggerFactory.getLogger(InFlightLimitFilter.class));
        var filter = new InFlightLimitFilter(limits.maxInFlight(), limits.inFlightWait(), refusals, problems);
        Gauge.builder("http.requests.in.flight", filter, InFlightLimitFilter::inFlight)
            .description("Requests being handled now (at most thriftstore.web.max-in-flight)").register(meters);
        Gauge.builder("http.requests.waiting", filter, InFlightLimitFilter::waiting)
            .description("Requests waiting for one of the thriftstore.web.max-in-flight slots").register(meters);
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(IN_FLIGHT_FILTER_ORDER);
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    AllowedOrigins allowedOrigins(Environment environment) {
        List<String> origins = Binder.get(environment)
            .bind(AllowedOrigins.PROPERTY, Bindable.listOf(String.class))
            .orElse(List.of(AllowedOrigins.DEFAULT));
        return new AllowedOrigins(origins);
    }

    @Bean
    @ConditionalOnMissingBean
    CorsConfigurationSource corsConfigurationSource(AllowedOrigins allowedOrigins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(allowedOrigins.origins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_MATCH, "Idempotency-Key"));
        cors.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER));
        // Bearer tokens travel in a header, never in cookies: no credentials mode needed.
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
