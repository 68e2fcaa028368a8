-- The test application's own tables: numbered like a service's migrations, after the outbox's V0_1.

-- A business table changed in the same transaction as Outbox.append.
CREATE TABLE thing (
    id     BIGSERIAL PRIMARY KEY,
    owner  TEXT NOT NULL,
    name   TEXT NOT NULL
);

-- The effect of a consumer: how many items each user added, counted once per event.
CREATE TABLE wish_count (
    user_id  TEXT PRIMARY KEY,
    adds     INTEGER NOT NULL
);
