package io.thriftstore.platform.ratelimit.postgres;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.thriftstore.platform.auth.AuthAutoConfiguration;
import io.thriftstore.platform.auth.RateLimitProperties;
import io.thriftstore.platform.auth.RateLimits;
import io.thriftstore.platform.ratelimit.ExpiredBucketsSweep;
import io.thriftstore.platform.ratelimit.SharedRateLimitsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * The platform's write limit ({@code writeRateLimits}, DESIGN section 4) with its buckets in the PostgreSQL
 * service's own database, so that every instance of the service counts against one budget per user: Bucket4j's
 * select-for-update proxy manager (a row lock per user for the few statements of one check) on table
 * {@code rate_limit_bucket}, created by this module's Flyway migration like the outbox. Ordered before
 * {@link AuthAutoConfiguration}, whose in-memory {@code writeRateLimits} then backs off.
 */
@AutoConfiguration(before = {AuthAutoConfiguration.class, SharedRateLimitsAutoConfiguration.class},
    after = DataSourceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "thriftstore.auth.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "thriftstore.rate-limit.shared", matchIfMissing = true)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(RateLimitProperties.class)
public class PostgresRateLimitsAutoConfiguration {

    static final String TABLE = "rate_limit_bucket";

    @Bean
    PostgreSQLSelectForUpdateBasedProxyManager<String> rateLimitBuckets(DataSource dataSource) {
        return buckets(dataSource, SharedRateLimitsAutoConfiguration.KEEP_AFTER_FULL);
    }

    /**
     * Buckets in {@code rate_limit_bucket}, each deletable {@code keepAfterFull} after it would be full again, on the
     * service's pool (a check holds a connection for a few statements, before the request's own work).
     */
    public static PostgreSQLSelectForUpdateBasedProxyManager<String> buckets(DataSource dataSource, Duration keepAfterFull) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(new AsynchronousCommits(dataSource))
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .table(TABLE).idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(keepAfterFull))
            .build();
    }

    @Bean
    @ConditionalOnMissingBean(name = "writeRateLimits")
    RateLimits writeRateLimits(RateLimitProperties limits, PostgreSQLSelectForUpdateBasedProxyManager<String> rateLimitBuckets) {
        return SharedRateLimitsAutoConfiguration.writeLimits(limits, rateLimitBuckets);
    }

    @Bean
    ExpiredBucketsSweep expiredBucketsSweep(PostgreSQLSelectForUpdateBasedProxyManager<String> rateLimitBuckets,
                                            RateLimitProperties limits) {
        return new ExpiredBucketsSweep(rateLimitBuckets, limits.sweepInterval());
    }
}
