-- platform-outbox: the per-user write limit's token buckets (Bucket4j's PostgreSQL proxy manager),
-- shared by every instance of the service (PostgresRateLimitsAutoConfiguration).
-- V1_1: after the services' V1, which existing databases already have; the services' own next
-- migrations are V2 and later.
CREATE TABLE rate_limit_bucket (
    -- '<limit>:<key>', e.g. 'writes:user_2abc'
    id          TEXT    PRIMARY KEY,
    -- Bucket4j's serialised bucket state.
    state       BYTEA,
    -- Epoch milliseconds after which the bucket is full again (plus a margin): the sweep deletes it.
    expires_at  BIGINT
);

CREATE INDEX rate_limit_bucket_expires_at ON rate_limit_bucket (expires_at);
