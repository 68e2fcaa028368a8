package io.thriftstore.testing;

import org.testcontainers.postgresql.PostgreSQLContainer;

/** The {@code postgres:17} image, used when a Docker engine answers. */
final class ContainerPostgres implements Infrastructure.Postgres, AutoCloseable {

    private final PostgreSQLContainer container;

    private ContainerPostgres(PostgreSQLContainer container) {
        this.container = container;
    }

    @SuppressWarnings("resource") // closed by the shutdown hook of Infrastructure
    static ContainerPostgres launch() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17")
                // Many cached Spring contexts each hold a connection pool; fsync buys nothing in a test.
                .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=300");
        container.start();
        return new ContainerPostgres(container);
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT)
                + "/" + database;
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public void createDatabase(String name) {
        EmbeddedPostgresServer.createDatabase(this, name);
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String toString() {
        return "PostgreSQL container at " + jdbcUrl(container.getDatabaseName());
    }
}
