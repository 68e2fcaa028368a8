package io.thriftstore.platform.ratelimit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bucket4j buckets in a MongoDB collection, one document per key: {@code {_id, state, expiresAt}}.
 *
 * <p>Hand-written because no Bucket4j MongoDB module resolves here (bucket4j_jdk17-mongodb-sync is refused at
 * every version tried); it is the small part such a module would be: Bucket4j's compare-and-swap proxy manager
 * does the bucket maths and retries, this class only reads a state and replaces it when it is still the one
 * read (the old bytes in the filter: a single-document operation, atomic on MongoDB and on the stand-in,
 * which has no transactions). Synchronous only: the limit is checked on the request's thread.
 *
 * <p>Expired documents: a TTL index removes them on a real MongoDB; the wire-protocol stand-in ignores TTL
 * indexes, so {@link #removeExpired(int)} (called by {@link ExpiredBucketsSweep}) deletes them as well.
 */
final class MongoBuckets extends AbstractCompareAndSwapBasedProxyManager<String> implements ExpiredEntriesCleaner {

    static final String STATE = "state";
    static final String EXPIRES_AT = "expiresAt";

    private static final Logger log = LoggerFactory.getLogger(MongoBuckets.class);

    private final MongoCollection<Document> buckets;
    private final ExpirationAfterWriteStrategy expiration;

    MongoBuckets(MongoCollection<Document> buckets, Duration keepAfterRefill) {
        this(buckets, ClientSideConfig.getDefault()
            .withExpirationAfterWriteStrategy(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(keepAfterRefill)));
    }

    private MongoBuckets(MongoCollection<Document> buckets, ClientSideConfig config) {
        super(config);
        this.buckets = buckets;
        this.expiration = config.getExpirationAfterWriteStrategy().orElseThrow();
        try {
            buckets.createIndex(Indexes.ascending(EXPIRES_AT), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
        }
        catch (RuntimeException e) {
            // A store that is down at start must not stop the service; the sweep deletes expired buckets without it.
            log.warn("Could not create the TTL index of {}: {}", buckets.getNamespace(), e.toString());
        }
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                Document bucket = buckets.find(Filters.eq("_id", key)).first();
                return Optional.ofNullable(bucket).map(document -> document.get(STATE, Binary.class).getData());
            }

            @Override
            public boolean compareAndSwap(byte[] originalData, byte[] newData, RemoteBucketState newState,
                                          Optional<Long> timeoutNanos) {
                Date expiresAt = new Date(System.currentTimeMillis()
                    + expiration.calculateTimeToLiveMillis(newState, currentTimeNanos()));
                if (originalData == null) {
                    try {
                        buckets.insertOne(new Document("_id", key).append(STATE, new Binary(newData)).append(EXPIRES_AT, expiresAt));
                        return true;
                    }
                    catch (MongoWriteException e) {
                        if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                            return false; // another instance created it first: Bucket4j reads again and retries
                        }
                        throw e;
                    }
                }
                return buckets.updateOne(Filters.and(Filters.eq("_id", key), Filters.eq(STATE, new Binary(originalData))),
                    Updates.combine(Updates.set(STATE, new Binary(newData)), Updates.set(EXPIRES_AT, expiresAt)))
                    .getMatchedCount() == 1;
            }
        };
    }

    /** Deletes up to {@code batchSize} buckets whose time has passed (full again, so nothing is forgotten). */
    @Override
    public int removeExpired(int batchSize) {
        Date now = new Date();
        List<Object> ids = buckets.find(Filters.lt(EXPIRES_AT, now)).projection(new Document("_id", 1)).limit(batchSize)
            .map(document -> document.get("_id")).into(new ArrayList<>());
        if (ids.isEmpty()) {
            return 0;
        }
        // Still expired: a bucket written again since it was found has a later expiresAt and stays.
        return (int) buckets.deleteMany(Filters.and(Filters.in("_id", ids), Filters.lt(EXPIRES_AT, now))).getDeletedCount();
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("synchronous only");
    }

    @Override
    public void removeProxy(String key) {
        buckets.deleteOne(Filters.eq("_id", key));
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        throw new UnsupportedOperationException("synchronous only");
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }

    @Override
    public boolean isExpireAfterWriteSupported() {
        return true;
    }
}
