package io.thriftstore.platform.ratelimit;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import io.thriftstore.embeddedmongo.PlatformH2Backend;
import io.thriftstore.embeddedmongo.PlatformMemoryBackend;
import io.thriftstore.platform.auth.RateLimits;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The write limit's buckets in a MongoDB service's store, on both backends of the stand-in the platform runs (the
 * memory one of the tests, the H2 file one of {@code ./thriftstore up}): instances of a service, each with its own
 * client, count against one budget per user; expired buckets are swept; a store that is down does not fail requests.
 */
class MongoBucketsTests {

    @TempDir
    static Path files;

    static Stream<Arguments> backends() {
        Supplier<MongoBackend> memory = PlatformMemoryBackend::new;
        Supplier<MongoBackend> h2 = () -> new PlatformH2Backend(files.resolve("h2-" + System.nanoTime() + ".mv").toString());
        return Stream.of(Arguments.of("memory", memory), Arguments.of("h2", h2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void twoInstancesOnOneStoreShareEachUsersBudget(String name, Supplier<MongoBackend> backend) {
        MongoServer server = new MongoServer(backend.get());
        InetSocketAddress address = server.bind();
        try (MongoClient one = client(address); MongoClient other = client(address)) {
            RateLimits first = limits(one, 5, Duration.ofMinutes(1));
            RateLimits second = limits(other, 5, Duration.ofMinutes(1));

            for (int i = 0; i < 5; i++) {
                assertThat((i % 2 == 0 ? first : second).tryConsume("user_a").allowed()).as("write %d", i + 1).isTrue();
            }
            RateLimits.Decision refused = second.tryConsume("user_a");
            assertThat(refused.allowed()).isFalse();
            assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(12));
            assertThat(first.tryConsume("user_a").allowed()).isFalse();
            assertThat(first.tryConsume("user_b").allowed()).isTrue();
            assertThat(buckets(one).countDocuments()).isEqualTo(2);
        }
        finally {
            server.shutdownNow();
        }
    }

    /** Compare-and-swap under contention: of 40 concurrent writes by one user over two instances, exactly 10 pass. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void concurrentWritesOnTwoInstancesNeverOverspend(String name, Supplier<MongoBackend> backend) throws Exception {
        MongoServer server = new MongoServer(backend.get());
        InetSocketAddress address = server.bind();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try (MongoClient one = client(address); MongoClient other = client(address)) {
            RateLimits first = limits(one, 10, Duration.ofHours(1));
            RateLimits second = limits(other, 10, Duration.ofHours(1));
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                RateLimits instance = i % 2 == 0 ? first : second;
                answers.add(writers.submit(() -> instance.tryConsume("user_busy").allowed()));
            }
            int allowed = 0;
            for (Future<Boolean> answer : answers) {
                allowed += answer.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(10);
        }
        finally {
            writers.shutdownNow();
            server.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void bucketsFullAgainAreSweptAndBusyOnesKept(String name, Supplier<MongoBackend> backend) {
        MongoServer server = new MongoServer(backend.get());
        InetSocketAddress address = server.bind();
        try (MongoClient client = client(address)) {
            MongoBuckets store = new MongoBuckets(buckets(client), Duration.ZERO);
            RateLimits quick = RateLimits.shared("quick", 1, Duration.ofMillis(200), 1000, store);
            RateLimits slow = RateLimits.shared("slow", 1, Duration.ofHours(1), 1000, store);
            quick.tryConsume("user_a");
            slow.tryConsume("user_a");
            ExpiredBucketsSweep sweep = new ExpiredBucketsSweep(store, Duration.ofMinutes(1));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                sweep.sweep();
                assertThat(buckets(client).find().map(document -> document.getString("_id")).into(new ArrayList<>()))
                    .containsExactly("slow:user_a");
            });
            assertThat(slow.tryConsume("user_a").allowed()).as("the kept bucket still counts").isFalse();
        }
        finally {
            server.shutdownNow();
        }
    }

    @Test
    void aStoreThatIsDownLimitsInThisInstancesMemoryInsteadOfFailing() {
        MongoServer server = new MongoServer(new PlatformMemoryBackend());
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(1, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(1, TimeUnit.SECONDS))
                .build())) {
            RateLimits limits = limits(client, 3, Duration.ofMinutes(1));
            assertThat(limits.tryConsume("user_a").allowed()).isTrue();
            server.shutdownNow();

            long start = System.nanoTime();
            assertThat(limits.tryConsume("user_a").allowed()).as("no error for a write while the store is down").isTrue();
            assertThat(limits.tryConsume("user_a").allowed()).isTrue();
            assertThat(limits.tryConsume("user_a").allowed()).isTrue();
            assertThat(limits.tryConsume("user_a").allowed()).as("still limited, per instance").isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("only the first call waits for the store; the others skip it for a while")
                .isLessThan(RateLimits.STORE_RETRY_AFTER);
        }
    }

    private static RateLimits limits(MongoClient client, int permits, Duration period) {
        return RateLimits.shared("writes", permits, period, 1000, new MongoBuckets(buckets(client), Duration.ofSeconds(10)));
    }

    private static MongoCollection<Document> buckets(MongoClient client) {
        return client.getDatabase("limits").getCollection(SharedRateLimitsAutoConfiguration.COLLECTION);
    }

    private static MongoClient client(InetSocketAddress address) {
        return MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }
}
