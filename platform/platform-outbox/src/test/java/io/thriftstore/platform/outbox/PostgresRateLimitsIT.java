package io.thriftstore.platform.outbox;

import static io.thriftstore.platform.ratelimit.postgres.PostgresRateLimitsAutoConfiguration.buckets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.thriftstore.platform.auth.RateLimits;
import io.thriftstore.platform.ratelimit.ExpiredBucketsSweep;

/**
 * The write limit's buckets in the service's PostgreSQL ({@code rate_limit_bucket}, this module's migration): two
 * instances of a service, each with its own proxy manager on the one database, count against one budget per user.
 */
class PostgresRateLimitsIT extends OutboxIntegrationTest {

    @Test
    void twoInstancesOnOneDatabaseShareEachUsersBudget() {
        RateLimits first = RateLimits.shared("writes", 5, Duration.ofMinutes(1), 1000, buckets(jdbc.getDataSource(), Duration.ofSeconds(10)));
        RateLimits second = RateLimits.shared("writes", 5, Duration.ofMinutes(1), 1000, buckets(jdbc.getDataSource(), Duration.ofSeconds(10)));
        String user = uniqueOwner("writer");

        for (int i = 0; i < 5; i++) {
            assertThat((i % 2 == 0 ? first : second).tryConsume(user).allowed()).as("write %d", i + 1).isTrue();
        }
        RateLimits.Decision refused = first.tryConsume(user);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(12));
        assertThat(second.tryConsume(user).allowed()).isFalse();
        assertThat(second.tryConsume(uniqueOwner("someone-else")).allowed()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rate_limit_bucket WHERE id = ?", Integer.class, "writes:" + user))
            .isOne();
    }

    @Test
    void bucketsFullAgainAreSweptAndBusyOnesKept() {
        PostgreSQLSelectForUpdateBasedProxyManager<String> store = buckets(jdbc.getDataSource(), Duration.ZERO);
        RateLimits quick = RateLimits.shared("quick", 1, Duration.ofMillis(200), 1000, store);
        RateLimits slow = RateLimits.shared("slow", 1, Duration.ofHours(1), 1000, store);
        String user = uniqueOwner("sweep");
        quick.tryConsume(user);
        slow.tryConsume(user);
        ExpiredBucketsSweep sweep = new ExpiredBucketsSweep(store, Duration.ofMinutes(1));

        await().atMost(WAIT).untilAsserted(() -> {
            sweep.sweep();
            assertThat(jdbc.queryForList("SELECT id FROM rate_limit_bucket WHERE id LIKE ?", String.class, "%:" + user))
                .containsExactly("slow:" + user);
        });
        assertThat(slow.tryConsume(user).allowed()).as("the kept bucket still counts").isFalse();
    }
}
