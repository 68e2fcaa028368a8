package io.thriftstore.platform.outbox;

import io.thriftstore.platform.events.EventCodec;
import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.Topics;
import io.thriftstore.platform.tracing.TraceParents;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes outgoing events into the outbox table, in the caller's transaction (propagation
 * MANDATORY, whichever transaction manager began it, JPA or JDBC): the event commits or
 * rolls back with the business change, and the relay publishes it to Kafka after the commit.
 *
 * <pre>{@code
 * @Transactional
 * void cancel(Order order, String actorId) {
 *     OrderStatus previous = order.cancel(actorId);           // locks and updates the order row
 *     outbox.append(EventType.ORDER_CANCELLED, events.orderEvent(order, previous, actorId));
 * }
 * }</pre>
 *
 * Append after changing the aggregate: the aggregate's row lock then orders concurrent
 * writers, so the events of one key get outbox positions in commit order.
 */
public class Outbox {

    private static final String INSERT = """
            INSERT INTO outbox (event_id, topic, event_key, event_type, payload, traceparent)
            VALUES (?, ?, ?, ?, ?, ?)""";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Topics topics;
    private final String source;
    private final Runnable afterCommit;
    private final TraceParents traceParents;

    /**
     * @param afterCommit run once a transaction that appended events has committed (wakes the relay)
     * @param traceParents the writer's trace, stored with each event and sent as its traceparent header
     */
    Outbox(DataSource dataSource, Topics topics, String source, Runnable afterCommit, TraceParents traceParents) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.topics = topics;
        this.source = source;
        this.afterCommit = afterCommit;
        this.traceParents = traceParents;
    }

    /**
     * Stores a new event of this type (fresh id, now, source = {@code spring.application.name},
     * keyed by the payload's aggregate) and returns its envelope.
     *
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     */
    public <T extends EventData> EventEnvelope<T> append(EventType type, T data) {
        EventEnvelope<T> event = EventEnvelope.of(type, source, data);
        append(event);
        return event;
    }

    /**
     * Stores this event exactly as given; its encoded bytes are what Kafka will carry. The current trace
     * (W3C traceparent), if any, is stored beside it: the relay sends it as the record's header, so the
     * consumers continue the trace of the transaction that wrote the event.
     *
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     * @throws IllegalArgumentException for a type this build does not know (it has no topic)
     */
    public void append(EventEnvelope<?> event) {
        CallerTransaction.require(dataSource, "Outbox.append");
        EventType type = event.eventType()
                .orElseThrow(() -> new IllegalArgumentException("unknown event type: " + event.type()));
        jdbc.update(INSERT, event.id(), topics.of(type), event.key(), event.type(), EventCodec.encode(event),
                traceParents.current());
        wakeRelayAfterCommit();
    }

    /** Once per transaction, however many events it appends. */
    private void wakeRelayAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(afterCommit)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(afterCommit, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(afterCommit);
                if (status == STATUS_COMMITTED) {
                    afterCommit.run();
                }
            }
        });
    }
}
