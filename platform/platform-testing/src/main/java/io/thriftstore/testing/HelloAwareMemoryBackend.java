package io.thriftstore.testing;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server's memory backend, answering {@code hello} as it answers {@code isMaster}. MongoDB 5
 * renamed the command; Spring Boot's Mongo health indicator sends {@code hello} and reports DOWN when the
 * server does not know it.
 */
final class HelloAwareMemoryBackend extends MemoryBackend {

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if ("hello".equalsIgnoreCase(command)) {
            Document answer = super.handleCommand(channel, databaseName, "isMaster", query);
            // hello's name for the flag that isMaster calls "ismaster"
            answer.put("isWritablePrimary", answer.getOrDefault("ismaster", Boolean.TRUE));
            return answer;
        }
        return super.handleCommand(channel, databaseName, command, query);
    }
}
