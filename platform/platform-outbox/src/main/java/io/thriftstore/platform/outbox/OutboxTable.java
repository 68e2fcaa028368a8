package io.thriftstore.platform.outbox;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/** The relay's and the housekeeping's SQL against the outbox and consumed_event tables. */
class OutboxTable {

    /**
     * The advisory lock that makes one relay publish at a time. Advisory locks are scoped to
     * the database, so services on separate databases of one server do not contend.
     */
    static final long RELAY_LOCK = 0x7468_7269_6674_4f42L; // "thriftOB"

    /** Rows deleted per statement by the housekeeping, so that no delete holds locks for long. */
    private static final int DELETE_CHUNK = 5_000;

    private final JdbcTemplate jdbc;

    OutboxTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A row the relay still has to publish; {@code traceparent} is null when it was written outside a trace. */
    record PendingEvent(long position, UUID eventId, String topic, String key, byte[] payload, String traceparent) {
    }

    /** The pending rows and the age of the oldest, in seconds (0 when none is pending). */
    record Backlog(long pending, double oldestAgeSeconds) {
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

    List<PendingEvent> pending(int limit) {
        return jdbc.query("""
                SELECT position, event_id, topic, event_key, payload, traceparent FROM outbox
                WHERE published_at IS NULL ORDER BY position LIMIT ?""",
                (rs, row) -> new PendingEvent(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getBytes(5), rs.getString(6)),
                limit);
    }

    void markPublished(List<Long> positions) {
        if (positions.isEmpty()) {
            return;
        }
        jdbc.update("UPDATE outbox SET published_at = now() WHERE position = ANY (?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", positions.toArray())));
    }

    void recordFailure(long position, String error) {
        jdbc.update("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE position = ?", error, position);
    }

    Backlog backlog() {
        return jdbc.queryForObject("""
                SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0)
                FROM outbox WHERE published_at IS NULL""",
                (rs, row) -> new Backlog(rs.getLong(1), Math.max(0, rs.getDouble(2))));
    }

    /** Deletes published rows and consumed-event records older than their retention. */
    long deleteExpired(Duration publishedRetention, Duration consumedRetention) {
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
