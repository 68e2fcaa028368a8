-- One row per product on a user's wishlist, with a snapshot of the product taken when it was added
-- (shown when product-service cannot be reached). The unique key is what makes a duplicate add a no-op.
CREATE TABLE wishlist_item (
    id           BIGSERIAL PRIMARY KEY,
    user_id      VARCHAR(255)   NOT NULL,
    product_id   VARCHAR(64)    NOT NULL,
    product_name VARCHAR(255)   NOT NULL,
    price        NUMERIC(12, 2) NOT NULL,
    currency     VARCHAR(3)     NOT NULL,
    seller_id    VARCHAR(255)   NOT NULL,
    added_at     TIMESTAMPTZ    NOT NULL,
    CONSTRAINT wishlist_item_user_product UNIQUE (user_id, product_id)
);
-- The unique index (user_id first) also serves "the items of this user"; a wishlist holds at most
-- 500 rows, so sorting them by added_at needs no index of its own.
