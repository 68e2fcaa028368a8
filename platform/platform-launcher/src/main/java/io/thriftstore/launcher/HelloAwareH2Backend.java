package io.thriftstore.launcher;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server's H2 (file) backend, answering {@code hello} as it answers
 * {@code isMaster}: current drivers and Spring Boot's Mongo health check send {@code hello},
 * and the server does not know it. (platform-testing has the same override for the memory
 * backend; the two backends share no class to put it in.)
 */
public final class HelloAwareH2Backend extends H2Backend {

    public HelloAwareH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if ("hello".equalsIgnoreCase(command)) {
            Document answer = super.handleCommand(channel, databaseName, "isMaster", query);
            answer.put("isWritablePrimary", answer.getOrDefault("ismaster", Boolean.TRUE));
            return answer;
        }
        return super.handleCommand(channel, databaseName, command, query);
    }
}
