package io.thriftstore.embeddedmongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;

/** A server on a free local port and a client of it; closing stops both (and closes an H2 file). */
record RunningMongo(MongoServer server, MongoClient client) implements AutoCloseable {

    static RunningMongo on(MongoBackend backend) {
        MongoServer server = new MongoServer(backend);
        var address = server.bind();
        return new RunningMongo(server, MongoClients.create("mongodb://127.0.0.1:" + address.getPort()));
    }

    MongoCollection<Document> collection() {
        return collection("things");
    }

    MongoCollection<Document> collection(String name) {
        return client.getDatabase("thriftstore").getCollection(name);
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
