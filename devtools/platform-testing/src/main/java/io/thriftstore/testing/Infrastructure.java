package io.thriftstore.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Real PostgreSQL, Kafka and MongoDB servers for tests, started lazily once per JVM and shared by every
 * test class; a JVM shutdown hook stops them.
 *
 * <p>Where a Docker engine answers, the servers are Testcontainers with the real images ({@code postgres:17},
 * {@code apache/kafka:4.1.1}, {@code mongo:8}); otherwise they are embedded real servers: zonky's
 * embedded PostgreSQL, a KRaft Kafka broker in a child JVM, and mongo-java-server (MongoDB's wire
 * protocol in memory). The choice can be forced with the system property or environment variable
 * {@value #MODE_PROPERTY} / {@code THRIFTSTORE_TEST_INFRASTRUCTURE} = {@code auto} (default),
 * {@code embedded} or {@code containers}.
 *
 * <p>Each server starts when first asked for: a test that needs only MongoDB never starts PostgreSQL.
 * Spring tests normally reach these through {@link RealInfrastructure} rather than directly.
 */
public final class Infrastructure {

    public static final String MODE_PROPERTY = "thriftstore.test.infrastructure";

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    private static final Deque<AutoCloseable> started = new ArrayDeque<>();
    private static Boolean containers;

    private static final Server<Postgres> postgres = new Server<>("PostgreSQL",
            () -> usesContainers() ? ContainerPostgres.launch() : EmbeddedPostgresServer.launch());
    private static final Server<Kafka> kafka = new Server<>("Kafka",
            () -> usesContainers() ? ContainerKafka.launch() : ChildJvmKafka.launch());
    private static final Server<Mongo> mongo = new Server<>("MongoDB",
            () -> usesContainers() ? ContainerMongo.launch() : InMemoryMongo.launch());

    private Infrastructure() {
    }

    /** The shared PostgreSQL server, started on first call. */
    public static Postgres postgres() {
        return postgres.get();
    }

    /** The shared Kafka broker, started on first call. */
    public static Kafka kafka() {
        return kafka.get();
    }

    /** The shared MongoDB server, started on first call. */
    public static Mongo mongo() {
        return mongo.get();
    }

    /** Whether the servers are Testcontainers (a Docker engine answered) rather than embedded servers. */
    public static synchronized boolean usesContainers() {
        if (containers == null) {
            containers = decideContainers();
        }
        return containers;
    }

    /**
     * Starts the servers a context needs side by side: PostgreSQL and a Kafka broker are separate processes
     * that each take seconds, mostly waiting, so together they take about as long as the slower one.
     */
    static void startTogether(boolean withPostgres, boolean withKafka, boolean withMongo) {
        usesContainers();
        List<CompletableFuture<?>> starting = new ArrayList<>();
        // Own threads: the common fork-join pool has a single worker on a two-core machine.
        Executor newThread = task -> {
            Thread thread = new Thread(task, "test-infrastructure-start");
            thread.setDaemon(true);
            thread.start();
        };
        if (withPostgres && !postgres.isStarted()) {
            starting.add(CompletableFuture.runAsync(postgres::get, newThread));
        }
        if (withKafka && !kafka.isStarted()) {
            starting.add(CompletableFuture.runAsync(kafka::get, newThread));
        }
        if (withMongo && !mongo.isStarted()) {
            starting.add(CompletableFuture.runAsync(mongo::get, newThread));
        }
        try {
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    static boolean postgresStarted() {
        return postgres.isStarted();
    }

    static boolean kafkaStarted() {
        return kafka.isStarted();
    }

    private static boolean decideContainers() {
        String mode = System.getProperty(MODE_PROPERTY, System.getenv("THRIFTSTORE_TEST_INFRASTRUCTURE"));
        mode = mode == null || mode.isBlank() ? "auto" : mode.trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "embedded":
                return false;
            case "containers":
                return true;
            case "auto":
                // Testcontainers' own probe asks the engine; a docker command on the PATH proves nothing
                // (machines here have the CLI without an engine).
                boolean available;
                try {
                    available = DockerClientFactory.instance().isDockerAvailable();
                } catch (RuntimeException | LinkageError e) {
                    available = false;
                }
                log.info("Test infrastructure: {}", available ? "Testcontainers (a Docker engine answered)"
                        : "embedded real servers (no Docker engine; Testcontainers' complaint above is expected)");
                return available;
            default:
                throw new IllegalStateException(MODE_PROPERTY + " must be auto, embedded or containers, not '" + mode + "'");
        }
    }

    private static synchronized void registerForShutdown(AutoCloseable server) {
        if (started.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(Infrastructure::stopAll, "test-infrastructure-shutdown"));
        }
        started.push(server);
    }

    private static void stopAll() {
        AutoCloseable server;
        while ((server = pollStarted()) != null) {
            try {
                server.close();
            } catch (Exception e) {
                // the JVM is exiting: one server failing to stop must not keep the others running
                System.err.println("could not stop " + server + ": " + e);
            }
        }
    }

    private static synchronized AutoCloseable pollStarted() {
        return started.poll();
    }

    /** One shared server, started at most once; its own lock, so that different servers can start at once. */
    private static final class Server<T> {

        private final String name;
        private final Supplier<? extends T> launcher;
        private volatile T instance;

        Server(String name, Supplier<? extends T> launcher) {
            this.name = name;
            this.launcher = launcher;
        }

        boolean isStarted() {
            return instance != null;
        }

        T get() {
            T server = instance;
            if (server == null) {
                synchronized (this) {
                    server = instance;
                    if (server == null) {
                        long begin = System.nanoTime();
                        server = launcher.get();
                        log.info("{} for tests ready in {} ms: {}", name, (System.nanoTime() - begin) / 1_000_000, server);
                        // every implementation is AutoCloseable; the public interfaces are not, tests must not close shared servers
                        registerForShutdown((AutoCloseable) server);
                        instance = server;
                    }
                }
            }
            return server;
        }
    }

    /** A PostgreSQL server; the user is a superuser that may create databases. */
    public interface Postgres {

        /** A JDBC URL of {@code database} on this server (which must exist, see {@link #createDatabase}). */
        String jdbcUrl(String database);

        String username();

        String password();

        /**
         * Creates a database unless it exists. Names are lower-case letters, digits and underscores,
         * starting with a letter (they are used unquoted in SQL).
         */
        void createDatabase(String name);
    }

    /** A Kafka broker whose address survives {@link #stop()} and {@link #start()}. */
    public interface Kafka {

        String bootstrapServers();

        /**
         * Simulates an outage: clients can no longer reach the broker. Call {@link #start()} before the
         * test ends; the next test context starts it again otherwise.
         */
        void stop();

        /** Ends an outage: same address, same records and offsets as before {@link #stop()}. */
        void start();

        boolean isRunning();
    }

    /** A MongoDB server. */
    public interface Mongo {

        /** {@code mongodb://host:port}, without a database. */
        String connectionString();

        /** {@code mongodb://host:port/database}. */
        default String connectionString(String database) {
            return connectionString() + "/" + database;
        }
    }
}
