package io.thriftstore.testing;

import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The {@code mongo:8} image as a single-node replica set, used when a Docker engine answers: services run
 * against a replica set in production, so transactions and change streams behave as they would there.
 */
final class ContainerMongo implements Infrastructure.Mongo, AutoCloseable {

    private final MongoDBContainer container;

    private ContainerMongo(MongoDBContainer container) {
        this.container = container;
    }

    @SuppressWarnings("resource") // closed by the shutdown hook of Infrastructure
    static ContainerMongo launch() {
        MongoDBContainer container = new MongoDBContainer("mongo:8").withReplicaSet();
        container.start();
        return new ContainerMongo(container);
    }

    @Override
    public String connectionString() {
        return container.getConnectionString();
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String toString() {
        return "MongoDB container at " + connectionString();
    }
}
