package io.thriftstore.testing;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoServer;
import io.thriftstore.embeddedmongo.PlatformMemoryBackend;

/** mongo-java-server with its memory backend on a free port of 127.0.0.1: MongoDB's wire protocol, no mongod. */
final class InMemoryMongo implements Infrastructure.Mongo, AutoCloseable {

    private final MongoServer server;
    private final InetSocketAddress address;

    private InMemoryMongo(MongoServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    static InMemoryMongo launch() {
        MongoServer server = new MongoServer(new PlatformMemoryBackend());
        server.bind("127.0.0.1", 0);
        return new InMemoryMongo(server, server.getLocalAddress());
    }

    @Override
    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    @Override
    public String toString() {
        return "in-memory MongoDB wire protocol server (mongo-java-server) at " + connectionString();
    }
}
