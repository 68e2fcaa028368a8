-- Orders, their items and history, and the Idempotency-Key records of POST /api/orders.
CREATE TABLE orders (
    id          UUID PRIMARY KEY,
    buyer_id    VARCHAR(255)   NOT NULL,
    buyer_name  VARCHAR(255)   NOT NULL,
    seller_id   VARCHAR(255)   NOT NULL,
    seller_name VARCHAR(255)   NOT NULL,
    total       NUMERIC(14, 2) NOT NULL,
    currency    VARCHAR(3)     NOT NULL,
    status      VARCHAR(16)    NOT NULL,
    reason      VARCHAR(500),
    created_at  TIMESTAMPTZ    NOT NULL,
    updated_at  TIMESTAMPTZ    NOT NULL,
    version     BIGINT         NOT NULL
);
CREATE INDEX orders_by_buyer ON orders (buyer_id, status, created_at DESC);
CREATE INDEX orders_by_seller ON orders (seller_id, status, created_at DESC);
-- The timeout job only ever looks at PENDING orders.
CREATE INDEX orders_pending ON orders (created_at) WHERE status = 'PENDING';

CREATE TABLE order_item (
    order_id   UUID           NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position   INTEGER        NOT NULL,
    product_id VARCHAR(255)   NOT NULL,
    name       VARCHAR(500)   NOT NULL,
    unit_price NUMERIC(14, 2) NOT NULL,
    quantity   INTEGER        NOT NULL,
    PRIMARY KEY (order_id, position)
);

CREATE TABLE order_history (
    order_id   UUID         NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position   INTEGER      NOT NULL,
    status     VARCHAR(16)  NOT NULL,
    changed_at TIMESTAMPTZ  NOT NULL,
    changed_by VARCHAR(255) NOT NULL,
    PRIMARY KEY (order_id, position)
);

-- Recorded first, in the order's own transaction: the primary key makes a concurrent duplicate wait
-- for the first and then find its row, so one key never creates two orders. The order row is written
-- later in the same transaction, hence the deferred foreign key.
CREATE TABLE idempotency_key (
    buyer_id        VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash    VARCHAR(64)  NOT NULL,
    order_id        UUID         NOT NULL REFERENCES orders (id) DEFERRABLE INITIALLY DEFERRED,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (buyer_id, idempotency_key)
);
