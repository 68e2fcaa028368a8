-- platform-outbox: the transactional outbox and the consumed-event record.
-- Shipped in the platform-outbox jar: Flyway scans classpath:db/migration recursively, so
-- every PostgreSQL service gets these tables before its own V1, V2, ... migrations.

-- Events written in the caller's transaction, relayed to Kafka in position order.
CREATE TABLE outbox (
    -- Insertion order; the relay publishes each key's events in this order.
    position      BIGSERIAL    PRIMARY KEY,
    -- The envelope's id: what consumers deduplicate on.
    event_id      UUID         NOT NULL UNIQUE,
    -- The real topic name (test prefix included), resolved when the event was written.
    topic         TEXT         NOT NULL,
    event_key     TEXT         NOT NULL,
    event_type    TEXT         NOT NULL,
    -- The encoded CloudEvents envelope, sent to Kafka byte for byte (BYTEA, not JSONB:
    -- JSONB would reorder and reformat the document).
    payload       BYTEA        NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- Failed send attempts and the last failure, for operators.
    attempts      INTEGER      NOT NULL DEFAULT 0,
    last_error    TEXT,
    -- Set once Kafka acknowledged the record; such rows are deleted after a retention.
    published_at  TIMESTAMPTZ
);

-- The relay's query (pending rows in position order) and the backlog metrics stay cheap
-- however many published rows are kept.
CREATE INDEX outbox_pending ON outbox (position) WHERE published_at IS NULL;
CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;

-- Events a consumer has processed, recorded in the same transaction as their effect.
CREATE TABLE consumed_event (
    consumer     TEXT         NOT NULL,
    event_id     UUID         NOT NULL,
    consumed_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

CREATE INDEX consumed_event_consumed_at ON consumed_event (consumed_at);
