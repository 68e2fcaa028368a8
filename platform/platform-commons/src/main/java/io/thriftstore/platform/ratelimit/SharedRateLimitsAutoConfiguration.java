package io.thriftstore.platform.ratelimit;

import com.mongodb.WriteConcern;
import io.thriftstore.platform.auth.AuthAutoConfiguration;
import io.thriftstore.platform.auth.RateLimitProperties;
import io.thriftstore.platform.auth.RateLimits;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;

import java.time.Duration;

/**
 * The platform's write limit ({@code writeRateLimits}, DESIGN section 4) with its buckets in a MongoDB service's
 * own database (collection {@code rate_limit_buckets}, {@link MongoBuckets}), so that every instance of the
 * service counts against one budget per user. The PostgreSQL services get theirs from platform-outbox, in their
 * database. Ordered before {@link AuthAutoConfiguration}, whose in-memory {@code writeRateLimits} then backs
 * off; without a store (ws-chat-service), or with {@code thriftstore.rate-limit.shared=false}, the buckets stay
 * in memory per instance.
 */
@AutoConfiguration(before = AuthAutoConfiguration.class,
    afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "thriftstore.auth.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "thriftstore.rate-limit.shared", matchIfMissing = true)
@EnableConfigurationProperties(RateLimitProperties.class)
public class SharedRateLimitsAutoConfiguration {

    static final String COLLECTION = "rate_limit_buckets";

    /** A bucket is kept this long after it would be full again: deleting it sooner or later forgets nothing. */
    public static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(10);

    /** The write limit over buckets kept in {@code store}: one definition for every store. */
    public static RateLimits writeLimits(RateLimitProperties limits,
                                         io.github.bucket4j.distributed.proxy.ProxyManager<String> store) {
        return RateLimits.shared("writes", limits.writesPerMinute(), Duration.ofMinutes(1), limits.maxTrackedUsers(), store);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MongoDatabaseFactory.class)
    @ConditionalOnSingleCandidate(MongoDatabaseFactory.class)
    static class InMongo {

        @Bean
        MongoBuckets rateLimitBuckets(MongoDatabaseFactory mongo) {
            // Acknowledged by the primary alone: a bucket update lost in a fail-over only forgets a little counting,
            // while majority acknowledgement (a replica set's default) would add a round of replication to every write.
            return new MongoBuckets(mongo.getMongoDatabase().getCollection(COLLECTION).withWriteConcern(WriteConcern.W1),
                KEEP_AFTER_FULL);
        }

        @Bean
        @ConditionalOnMissingBean(name = "writeRateLimits")
        RateLimits writeRateLimits(RateLimitProperties limits, MongoBuckets rateLimitBuckets) {
            return writeLimits(limits, rateLimitBuckets);
        }

        @Bean
        ExpiredBucketsSweep expiredBucketsSweep(MongoBuckets rateLimitBuckets, RateLimitProperties limits) {
            return new ExpiredBucketsSweep(rateLimitBuckets, limits.sweepInterval());
        }
    }
}
