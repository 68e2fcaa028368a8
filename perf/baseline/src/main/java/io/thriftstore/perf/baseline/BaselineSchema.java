package io.thriftstore.perf.baseline;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The baseline's own database on the platform's PostgreSQL server, with tables shaped like
 * order-service's {@code orders} and platform-outbox's {@code outbox} (same columns and indexes), so the
 * insert baseline pays what an order pays in the database and nothing else.
 */
final class BaselineSchema {

    static final String DATABASE = "perf_baseline";
    /** Rows seeded into {@code orders} for the one-select endpoint. */
    static final int SEEDED_ROWS = 10_000;

    private BaselineSchema() {
    }

    static String url(String serverUrl) {
        return serverUrl + "/" + DATABASE;
    }

    /** Creates the database and tables if missing, and seeds the rows {@code /select/{id}} reads. */
    static void ensure(String serverUrl, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl + "/postgres", user, password)) {
            boolean exists;
            try (PreparedStatement q = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                q.setString(1, DATABASE);
                try (ResultSet rs = q.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                try (Statement s = c.createStatement()) {
                    s.execute("create database " + DATABASE);
                }
            }
        }
        try (Connection c = DriverManager.getConnection(url(serverUrl), user, password);
             Statement s = c.createStatement()) {
            s.execute("""
                    create table if not exists orders (
                        id uuid primary key, buyer_id varchar(255) not null, buyer_name varchar(255) not null,
                        seller_id varchar(255) not null, seller_name varchar(255) not null,
                        total numeric(14, 2) not null, currency varchar(3) not null, status varchar(16) not null,
                        reason varchar(500), created_at timestamptz not null, updated_at timestamptz not null,
                        version bigint not null)""");
            s.execute("create index if not exists orders_by_buyer on orders (buyer_id, status, created_at desc)");
            s.execute("create index if not exists orders_by_seller on orders (seller_id, status, created_at desc)");
            s.execute("create index if not exists orders_pending on orders (created_at) where status = 'PENDING'");
            s.execute("""
                    create table if not exists outbox (
                        position bigserial primary key, event_id uuid not null unique, topic text not null,
                        event_key text not null, event_type text not null, payload bytea not null,
                        created_at timestamptz not null default now(), attempts integer not null default 0,
                        last_error text, published_at timestamptz)""");
            s.execute("create index if not exists outbox_pending on outbox (position) where published_at is null");
            // The select baseline reads by a small integer key, like a lookup the app would cache nothing of.
            s.execute("create table if not exists item (id integer primary key, name text not null, price numeric(14, 2) not null)");
            s.execute("insert into item select g, 'item ' || g, g % 500 + 0.99 from generate_series(1, " + SEEDED_ROWS
                    + ") g on conflict do nothing");
        }
    }
}
