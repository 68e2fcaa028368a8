-- platform-outbox: the trace of the transaction that wrote an event (W3C traceparent), sent as the
-- record's traceparent header so that consumers continue that trace rather than the relay's.
-- Null for events written outside a trace (and for rows written before this migration).
-- Versioned 0.2, before the services' own migrations: databases that already ran theirs apply it
-- out of order (spring.flyway.out-of-order=true in the platform defaults).
ALTER TABLE outbox ADD COLUMN traceparent TEXT;
