-- consumer-service read models. Written only by the event listeners, in the same transaction as
-- the consumed-event record and the outbox (platform-outbox tables come from V0_1).

-- Products as last seen on product-events: names and sellers for titles and insights.
CREATE TABLE product (
    product_id   TEXT         PRIMARY KEY,
    seller_id    TEXT         NOT NULL,
    seller_name  TEXT,
    name         TEXT         NOT NULL,
    -- The product's own version: an older event never overwrites a newer state.
    version      BIGINT       NOT NULL
);

-- Who wishes for what: the recipients of PRICE_DROP and BACK_IN_STOCK. Never shown to sellers.
CREATE TABLE wishlist_item (
    user_id      TEXT         NOT NULL,
    product_id   TEXT         NOT NULL,
    added_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (user_id, product_id)
);
CREATE INDEX wishlist_item_product ON wishlist_item (product_id);

-- Per-product counters for seller insights; seller and name from whichever event named them first.
CREATE TABLE product_stats (
    product_id     TEXT     PRIMARY KEY,
    seller_id      TEXT     NOT NULL,
    name           TEXT     NOT NULL,
    wishlist_adds  BIGINT   NOT NULL DEFAULT 0
);
CREATE INDEX product_stats_seller ON product_stats (seller_id);

-- Each order's current status (so counts move with it) and what it sold.
CREATE TABLE seller_order (
    order_id     TEXT           PRIMARY KEY,
    seller_id    TEXT           NOT NULL,
    status       TEXT           NOT NULL,
    total        NUMERIC(19,2)  NOT NULL,
    version      BIGINT         NOT NULL
);
CREATE INDEX seller_order_seller ON seller_order (seller_id, status);

CREATE TABLE order_line (
    order_id     TEXT     NOT NULL REFERENCES seller_order (order_id),
    product_id   TEXT     NOT NULL,
    name         TEXT     NOT NULL,
    quantity     INTEGER  NOT NULL,
    PRIMARY KEY (order_id, product_id)
);
CREATE INDEX order_line_product ON order_line (product_id);

-- The chat throttle: when a recipient was last told about a conversation.
CREATE TABLE chat_notice (
    conversation_id   TEXT         NOT NULL,
    recipient_id      TEXT         NOT NULL,
    last_notified_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (conversation_id, recipient_id)
);
