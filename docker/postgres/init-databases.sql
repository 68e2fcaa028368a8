-- Runs once, when the postgres container initialises an empty data volume
-- (/docker-entrypoint-initdb.d). One database per PostgreSQL service (DESIGN section 1);
-- each service's Flyway migrations create its tables.
CREATE DATABASE orders;
CREATE DATABASE wishlist;
CREATE DATABASE insights;
