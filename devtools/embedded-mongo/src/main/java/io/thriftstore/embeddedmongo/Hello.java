package io.thriftstore.embeddedmongo;

import java.util.function.Function;

import de.bwaldvogel.mongo.bson.Document;

/**
 * {@code hello}, answered as mongo-java-server answers {@code isMaster}: MongoDB 5 renamed the command, and
 * current drivers and Spring Boot's Mongo health indicator send {@code hello} (the health reports DOWN when
 * the server does not know it).
 */
final class Hello {

    private Hello() {
    }

    /**
     * The answer to {@code command} from the backend's own handler; for {@code hello}, isMaster's answer with
     * hello's name for the primary flag.
     */
    static Document answer(String command, Function<String, Document> backend) {
        if (!"hello".equalsIgnoreCase(command)) {
            return backend.apply(command);
        }
        Document answer = backend.apply("isMaster");
        answer.put("isWritablePrimary", answer.getOrDefault("ismaster", Boolean.TRUE));
        return answer;
    }
}
