package io.thriftstore.platform.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The JDBC {@link OutboxStore}: the relay's and the housekeeping's SQL against the outbox and
 * consumed_event tables. A round is one transaction under {@code pg_try_advisory_xact_lock}.
 */
class OutboxTable implements OutboxStore {

    /**
     * The advisory lock that makes one relay publish at a time. Advisory locks are scoped to
     * the database, so services on separate databases of one server do not contend.
     */
    static final long RELAY_LOCK = 0x7468_7269_6674_4f42L; // "thriftOB"

    /** Rows deleted per statement by the housekeeping, so that no delete holds locks for long. */
    private static final int DELETE_CHUNK = 5_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    /**
     * @param transactionManager the relay's own, on the service's data source: its rounds are plain JDBC
     *                           whatever the service uses for its own work (JPA or JDBC)
     */
    OutboxTable(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * One transaction that first takes the relay lock: the rows are marked published in it, so the next
     * holder sees them as published.
     */
    @Override
    public <T> Optional<T> asOnlyRelay(Supplier<T> round) {
        return transactions.execute(status -> tryRelayLock() ? Optional.of(round.get()) : Optional.<T>empty());
    }

    /**
     * Takes the relay lock for the current transaction; it is released at commit or rollback,
     * and by the server if this instance dies, so it can never be left behind.
     *
     * @return false when another relay holds it
     */
    boolean tryRelayLock() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK));
    }

    /** Position order is each key's commit order (see the README); the partial index serves it. */
    @Override
    public Batch pending(int limit, boolean justWritten) {
        List<StoredEvent> rows = jdbc.query("""
                SELECT position, topic, event_key, payload, traceparent FROM outbox
                WHERE published_at IS NULL ORDER BY position LIMIT ?""",
                (rs, row) -> new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
                        rs.getString(5)),
                limit);
        return new Batch(rows, rows.size() == limit);
    }

    @Override
    public void markSent(List<StoredEvent> sent) {
        if (sent.isEmpty()) {
            return;
        }
        Object[] positions = sent.stream().map(StoredEvent::ref).toArray();
        jdbc.update("UPDATE outbox SET published_at = now() WHERE position = ANY (?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", positions)));
    }

    @Override
    public void recordFailure(StoredEvent event, String error) {
        jdbc.update("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE position = ?", error,
                event.ref());
    }

    @Override
    public Backlog backlog() {
        return jdbc.queryForObject("""
                SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0)
                FROM outbox WHERE published_at IS NULL""",
                (rs, row) -> new Backlog(rs.getLong(1), Math.max(0, rs.getDouble(2))));
    }

    /** Deletes published rows and consumed-event records older than their retention. */
    @Override
    public long deleteExpired(Duration publishedRetention, Duration consumedRetention) {
        return deleteInChunks("""
                DELETE FROM outbox WHERE position IN (
                    SELECT position FROM outbox
                    WHERE published_at < now() - make_interval(secs => ?) LIMIT ?)""", publishedRetention)
                + deleteInChunks("""
                DELETE FROM consumed_event WHERE (consumer, event_id) IN (
                    SELECT consumer, event_id FROM consumed_event
                    WHERE consumed_at < now() - make_interval(secs => ?) LIMIT ?)""", consumedRetention);
    }

    private long deleteInChunks(String sql, Duration retention) {
        long total = 0;
        int deleted;
        do {
            deleted = jdbc.update(sql, (double) retention.toSeconds(), DELETE_CHUNK);
            total += deleted;
        } while (deleted == DELETE_CHUNK);
        return total;
    }
}
