package io.thriftstore.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.thriftstore.embeddedmongo.PlatformH2Backend;
import io.thriftstore.kafkabroker.KafkaBrokerProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The infrastructure of the local run, on the documented default ports, with state kept
 * under the data directory across restarts: real PostgreSQL (embedded binaries), a real
 * KRaft Kafka broker (child JVM) and the MongoDB wire-protocol server (H2 file storage).
 */
final class LocalInfrastructure {

    static final int POSTGRES_PORT = Integer.getInteger("thriftstore.postgres.port", 5432);
    static final int KAFKA_PORT = Integer.getInteger("thriftstore.kafka.port", 9092);
    static final int KAFKA_CONTROLLER_PORT = Integer.getInteger("thriftstore.kafka.controller-port", 9093);
    static final int MONGO_PORT = Integer.getInteger("thriftstore.mongo.port", 27017);

    /** The databases of the PostgreSQL services (DESIGN section 1). */
    static final List<String> DATABASES = List.of("orders", "wishlist", "insights");

    private LocalInfrastructure() {
    }

    static void runUntilStopped(Path data) throws Exception {
        Files.createDirectories(data.resolve("run"));
        DevKeys.in(data); // services trust its public key: create it before they start

        EmbeddedPostgres postgres = startPostgres(data.resolve("postgres"));
        KafkaBrokerProcess kafka = KafkaBrokerProcess.builder()
                .port(KAFKA_PORT)
                .controllerPort(KAFKA_CONTROLLER_PORT)
                .logDir(data.resolve("kafka"))
                .build();
        kafka.start();
        MongoServer mongo = startMongo(data.resolve("mongo"));

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("stopping");
            mongo.shutdown();
            kafka.stop();
            try {
                postgres.close();
            } catch (IOException e) {
                log("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            stopped.countDown();
        }, "infra-shutdown"));

        Files.writeString(data.resolve("run/infra.ready"), "postgres=" + POSTGRES_PORT + "\nkafka=" + KAFKA_PORT
                + "\nmongo=" + MONGO_PORT + "\n");
        log("ready: PostgreSQL :" + POSTGRES_PORT + ", Kafka :" + KAFKA_PORT + ", MongoDB :" + MONGO_PORT);
        stopped.await();
    }

    private static EmbeddedPostgres startPostgres(Path dir) throws IOException, SQLException {
        boolean fresh = !Files.exists(dir.resolve("PG_VERSION"));
        Files.createDirectories(dir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(POSTGRES_PORT)
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "200")
                .start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            for (String db : DATABASES) {
                try (PreparedStatement q = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                    q.setString(1, db);
                    try (ResultSet rs = q.executeQuery()) {
                        if (!rs.next()) {
                            try (Statement s = c.createStatement()) {
                                s.execute("create database " + db);
                            }
                        }
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                // Services connect as postgres/postgres, as with the compose file's server.
                s.execute("alter user postgres with password 'postgres'");
            }
        }
        log("PostgreSQL " + (fresh ? "initialised" : "started") + " in " + dir);
        return postgres;
    }

    private static MongoServer startMongo(Path dir) throws IOException {
        Files.createDirectories(dir);
        H2Backend backend = new PlatformH2Backend(dir.resolve("thriftstore.mv").toString());
        MongoServer server = new MongoServer(backend);
        server.bind("localhost", MONGO_PORT);
        log("MongoDB wire server (H2 file storage) started in " + dir);
        return server;
    }

    private static void log(String message) {
        System.out.println("[infra] " + message);
    }
}
