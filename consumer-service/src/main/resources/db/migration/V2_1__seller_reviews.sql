-- Each reviewed order's stars, for the rating in seller insights (order.reviewed; one review per order).
-- Versioned 2_1 so that it sorts after, and never collides with, a V2 written in parallel.
CREATE TABLE seller_review (
    order_id     TEXT         PRIMARY KEY,
    seller_id    TEXT         NOT NULL,
    rating       INTEGER      NOT NULL CHECK (rating BETWEEN 1 AND 5),
    reviewed_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX seller_review_seller ON seller_review (seller_id);
