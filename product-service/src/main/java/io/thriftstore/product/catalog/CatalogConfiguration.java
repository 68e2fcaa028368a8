package io.thriftstore.product.catalog;

import io.thriftstore.platform.auth.PublicEndpoints;
import io.thriftstore.platform.events.Topics;
import io.thriftstore.platform.kafka.InstanceGroup;
import io.thriftstore.platform.outbox.OutboxCollection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The catalog's public endpoints, its query-parameter spellings and its events' collection. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CatalogCacheProperties.class)
class CatalogConfiguration implements WebMvcConfigurer {

    /** Every instance drops its own cache on every change: its own consumer group ({@link CatalogCacheInvalidation}). */
    @Bean
    InstanceGroup catalogCacheGroup(Topics topics, @Value("${spring.application.name}") String application) {
        return InstanceGroup.of(topics, application, "catalog-cache");
    }

    @Bean
    PublicEndpoints catalogEndpoints() {
        return PublicEndpoints.get("/api/products", "/api/products/*", "/api/categories")
            .and(HttpMethod.POST, "/api/products/bulk");
    }

    @Bean
    OutboxCollection productEvents() {
        return new OutboxCollection(Products.COLLECTION);
    }

    /** Categories, sort orders and views are lowercase on the wire; an unknown value is a 400 listing the valid ones. */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Category.class, value -> value.isBlank() ? null
            : Category.fromValue(value).orElseThrow(() -> new IllegalArgumentException("unknown category")));
        registry.addConverter(String.class, ProductSort.class, value -> value.isBlank() ? null
            : ProductSort.fromValue(value).orElseThrow(() -> new IllegalArgumentException("unknown sort")));
        registry.addConverter(String.class, ProductView.class, value -> value.isBlank() ? null
            : ProductView.fromValue(value).orElseThrow(() -> new IllegalArgumentException("unknown view")));
    }
}
