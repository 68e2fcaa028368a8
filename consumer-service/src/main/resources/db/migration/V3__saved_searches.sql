-- Saved searches (DESIGN "saved searches (consumer-service)") and the NEW_MATCH fan-out.
-- Version 3, not 2: V2 is left to the reviews work that lands in this service at the same time.

-- The product's status as last seen, so that "product.updated to ACTIVE" (a relist, a restock) can be
-- told apart from an edit of an item that was already ACTIVE. NULL for rows recorded before this column.
ALTER TABLE product ADD COLUMN status TEXT;

CREATE TABLE saved_search (
    id           UUID           PRIMARY KEY,
    user_id      TEXT           NOT NULL,
    q            TEXT,
    category     TEXT,
    max_price    NUMERIC(19,2),
    -- The distinct lower-case words of q, sorted and joined by one space: what matching uses, and what
    -- makes two saves of the same search the same search.
    words        TEXT           NOT NULL,
    word_count   INTEGER        NOT NULL,
    created_at   TIMESTAMPTZ    NOT NULL
);
CREATE INDEX saved_search_user ON saved_search (user_id, created_at);
-- Searches without words are found by category (NULL = any) and price, without touching the others.
CREATE INDEX saved_search_wordless ON saved_search (category, max_price) WHERE word_count = 0;

-- The inverted index: one row per word of each search. A product's words look up only the searches that
-- share a word with it; a search matches when all its words were found (count = word_count).
CREATE TABLE saved_search_word (
    word         TEXT  NOT NULL,
    search_id    UUID  NOT NULL REFERENCES saved_search (id) ON DELETE CASCADE,
    PRIMARY KEY (word, search_id)
);
CREATE INDEX saved_search_word_search ON saved_search_word (search_id);

-- Which search was already told about which product: NEW_MATCH at most once per search and product,
-- inserted in the same transaction as the notification's outbox row.
CREATE TABLE saved_search_match (
    search_id    UUID  NOT NULL REFERENCES saved_search (id) ON DELETE CASCADE,
    product_id   TEXT  NOT NULL,
    PRIMARY KEY (search_id, product_id)
);
