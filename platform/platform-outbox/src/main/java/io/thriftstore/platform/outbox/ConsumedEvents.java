package io.thriftstore.platform.outbox;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The record of events a consumer has processed, written in the caller's transaction
 * (propagation MANDATORY), the one of the effect: "already processed" and "the effect"
 * commit or roll back together.
 *
 * <pre>{@code
 * @Transactional
 * void on(EventEnvelope<OrderEvent> event) {
 *     if (!consumedEvents.markConsumed("insights", event.id())) {
 *         return;                                  // a redelivery: the effect is already there
 *     }
 *     insights.count(event.data());
 * }
 * }</pre>
 *
 * Record first, against the unique key, then apply the effect: a concurrent duplicate
 * blocks on the key until the first transaction ends, instead of both passing a check.
 */
public class ConsumedEvents {

    private static final String INSERT = """
            INSERT INTO consumed_event (consumer, event_id) VALUES (?, ?)
            ON CONFLICT DO NOTHING""";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    ConsumedEvents(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Records that {@code consumer} processed {@code eventId}.
     *
     * @return true the first time, false when it was already recorded (a committed earlier delivery)
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     */
    public boolean markConsumed(String consumer, UUID eventId) {
        CallerTransaction.require(dataSource, "ConsumedEvents.markConsumed");
        return jdbc.update(INSERT, consumer, eventId) == 1;
    }
}
