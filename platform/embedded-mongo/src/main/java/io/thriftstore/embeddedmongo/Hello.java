package io.thriftstore.embeddedmongo;

import de.bwaldvogel.mongo.bson.Document;

/**
 * {@code hello}, answered as mongo-java-server answers {@code isMaster}: MongoDB 5 renamed the command, and
 * current drivers and Spring Boot's Mongo health indicator send {@code hello} (the health reports DOWN when
 * the server does not know it).
 */
final class Hello {

    private Hello() {
    }

    static boolean isHello(String command) {
        return "hello".equalsIgnoreCase(command);
    }

    /** isMaster's answer with hello's name for the primary flag. */
    static Document fromIsMaster(Document isMasterAnswer) {
        isMasterAnswer.put("isWritablePrimary", isMasterAnswer.getOrDefault("ismaster", Boolean.TRUE));
        return isMasterAnswer;
    }
}
