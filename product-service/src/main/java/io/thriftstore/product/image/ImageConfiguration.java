package io.thriftstore.product.image;

import io.thriftstore.platform.auth.PublicEndpoints;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImageProperties.class)
class ImageConfiguration {

    /** Images are shown to anyone who sees the product. */
    @Bean
    PublicEndpoints imageEndpoints() {
        return PublicEndpoints.get(ImageUrls.IMAGE_PATH + "*");
    }
}
