-- The buyer's review of a delivered order (DESIGN "reviews (order-service)"). One per order, so it lives on
-- the order row: "once" is a NULL check under the order's row lock, and the review's event is appended in the
-- same transaction as the order's other events (in commit order, like a status change).
ALTER TABLE orders
    ADD COLUMN review_rating  INTEGER CHECK (review_rating BETWEEN 1 AND 5),
    ADD COLUMN review_comment VARCHAR(500),
    ADD COLUMN reviewed_at    TIMESTAMPTZ,
    ADD CONSTRAINT orders_review_complete CHECK ((review_rating IS NULL) = (reviewed_at IS NULL));

-- A seller's public reviews, newest first, and their rating: only reviewed orders are in this index.
CREATE INDEX orders_reviews_by_seller ON orders (seller_id, reviewed_at DESC, id DESC) WHERE reviewed_at IS NOT NULL;
