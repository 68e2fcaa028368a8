package io.thriftstore.e2e.drills;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoServer;
import io.thriftstore.embeddedmongo.PlatformH2Backend;
import io.thriftstore.kafkabroker.KafkaBrokerProcess;
import io.thriftstore.devtools.tokens.DevTokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The platform for the fault drills, under this JVM's control: the infrastructure runs here (real
 * PostgreSQL, a real KRaft broker in a child JVM that can be stopped and started again at the same address
 * and log directory, the MongoDB wire server) and every service is a child process started from its jar
 * with the environment {@code ./thriftstore up} passes. {@code ./thriftstore} cannot be used: the drills
 * need to stop Kafka and SIGKILL single services, and a restart must be a new process.
 *
 * <p>Ports are the documented defaults moved by {@link #OFFSET}, so a developer's platform
 * ({@code ./thriftstore up}) and the other end-to-end tests (offset 20000) run beside it. wishlist-service
 * and ws-chat-service are not started: the drills place orders only, and ws-chat keeps no state.
 */
final class DrillPlatform implements AutoCloseable {

    static final int OFFSET = Integer.getInteger("drills.port-offset", 21000);
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DATA = Path.of("target/drill-data").toAbsolutePath();

    static final String PRODUCT = "product-service";
    static final String ORDER = "order-service";
    static final String CONSUMER = "consumer-service";
    static final String NOTIFICATION = "notification-service";
    static final String CHAT = "chat-service";

    /** The Kafka-consuming services, with their documented base ports (DESIGN section 1). */
    static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put(PRODUCT, 5010);
        SERVICES.put(CHAT, 5012);
        SERVICES.put(CONSUMER, 5013);
        SERVICES.put(ORDER, 5014);
        SERVICES.put(NOTIFICATION, 8080);
    }

    static final int POSTGRES_PORT = 5432 + OFFSET;
    static final int MONGO_PORT = 27017 + OFFSET;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    private EmbeddedPostgres postgres;
    private final KafkaBrokerProcess kafka;
    private MongoServer mongo;
    private final DevTokens tokens;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private boolean closed;

    private DrillPlatform(EmbeddedPostgres postgres, KafkaBrokerProcess kafka, MongoServer mongo, DevTokens tokens) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.mongo = mongo;
        this.tokens = tokens;
    }

    /** Starts the infrastructure on a fresh data directory, then every service, and waits until all are healthy. */
    static DrillPlatform start() throws Exception {
        deleteRecursively(DATA);
        Files.createDirectories(DATA.resolve("logs"));
        DevTokens tokens = DevTokens.loadOrCreate(DATA.resolve("dev-keys"));
        EmbeddedPostgres postgres = startPostgres();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String db : List.of("orders", "wishlist", "insights")) {
                s.execute("create database " + db);
            }
            s.execute("alter user postgres with password 'postgres'");
        }
        KafkaBrokerProcess kafka = KafkaBrokerProcess.builder()
                .port(9092 + OFFSET)
                .controllerPort(9093 + OFFSET)
                .logDir(DATA.resolve("kafka"))
                .build();
        kafka.start();
        MongoServer mongo = startMongo();
        DrillPlatform platform = new DrillPlatform(postgres, kafka, mongo, tokens);
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "drill-platform-stop"));
        for (String service : SERVICES.keySet()) {
            platform.launch(service);
        }
        for (String service : SERVICES.keySet()) {
            platform.awaitHealthy(service, Duration.ofMinutes(3));
        }
        return platform;
    }

    // ---- services

    /** Starts a service process as {@code ./thriftstore up} does (cmd_up), appending to its log. */
    synchronized void launch(String service) throws IOException {
        Process running = processes.get(service);
        if (running != null && running.isAlive()) {
            throw new IllegalStateException(service + " already runs as pid " + running.pid());
        }
        Path jar = ROOT.resolve(service).resolve("target").resolve(service + "-" + version() + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw -B -pl e2e -am verify -Pdrills");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // As ./thriftstore starts them: an OutOfMemoryError ends the JVM instead of leaving it wedged.
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(List.of(System.getProperty("drills.java-opts",
                "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto").trim().split("\\s+")));
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(DATA.resolve("logs").resolve(service + ".log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = builder.environment();
        env.putAll(serviceEnvironment(service));
        // The load comes from few buyers at tens of orders per second; the default 60 writes/min per user would refuse it.
        env.put("WRITE_RATE_LIMIT_PER_MINUTE", "100000");
        // A hold whose order-service call failed mid-way (a fault of a drill) gives its stock back within seconds,
        // so the audit's stock count settles quickly (2 minutes by default).
        env.put("PRODUCT_HOLD_TIMEOUT", "20s");
        env.put("PRODUCT_HOLD_CHECK_INTERVAL", "1s");
        processes.put(service, builder.start());
    }

    /**
     * The environment {@code ./thriftstore} starts the service with, for this platform's ports and data
     * ({@code ./thriftstore env}): one source, so the drills run the services as developers do.
     */
    private static Map<String, String> serviceEnvironment(String service) throws IOException {
        ProcessBuilder script = new ProcessBuilder(ROOT.resolve("thriftstore").toString(), "env", service)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        script.environment().put("THRIFTSTORE_PORT_OFFSET", String.valueOf(OFFSET));
        script.environment().put("THRIFTSTORE_DATA", DATA.toString());
        Process process = script.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException("./thriftstore env " + service + " failed");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading ./thriftstore env " + service, e);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        output.lines().filter(line -> line.contains("=")).forEach(line ->
                environment.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
        return environment;
    }

    /** SIGKILL: {@link Process#destroyForcibly()} on a direct child is {@code kill -9}, no shutdown hook runs. */
    synchronized void kill(String service) throws InterruptedException {
        Process process = processes.remove(service);
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A graceful stop (SIGTERM), for drills that need a service down but not crashed. */
    synchronized void stop(String service) throws InterruptedException {
        Process process = processes.remove(service);
        if (process != null) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    void awaitHealthy(String service, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Process process;
            synchronized (this) {
                process = processes.get(service);
            }
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException(service + " is not running; see " + logFile(service));
            }
            try {
                HttpResponse<Void> health = HTTP.send(HttpRequest.newBuilder(uri(service, "/actuator/health"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(service + " was not healthy within " + timeout + "; see " + logFile(service));
    }

    static Path logFile(String service) {
        return DATA.resolve("logs").resolve(service + ".log");
    }

    // ---- Kafka

    KafkaBrokerProcess kafka() {
        return kafka;
    }

    Admin admin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(config);
    }

    // ---- the stores, stopped and started again (the store-outage drills)

    /**
     * The data directory survives {@link #stopPostgres()} (no clean-up on close: {@link #start()} starts from an
     * empty {@link #DATA} anyway), so a restart finds the same databases and rows at the same port.
     */
    private static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder()
                .setPort(POSTGRES_PORT)
                .setDataDirectory(DATA.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "200")
                .start();
    }

    /** {@code pg_ctl stop -m fast}: open sessions are terminated, new connections are refused until the restart. */
    synchronized void stopPostgres() throws IOException {
        postgres.close();
    }

    synchronized void restartPostgres() throws IOException {
        postgres = startPostgres();
    }

    private static MongoServer startMongo() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            MongoServer server = null;
            try {
                server = new MongoServer(new PlatformH2Backend(DATA.resolve("mongo.mv").toString()));
                server.bind("localhost", MONGO_PORT);
                return server;
            } catch (RuntimeException e) {
                // The port (or the H2 file) of the server stopped a moment ago may not be free yet.
                if (server != null) {
                    server.shutdownNow();
                }
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /** Closes the wire server's connections and its port (clients are refused) and the H2 file, which keeps the data. */
    synchronized void stopMongo() {
        mongo.shutdownNow();
    }

    synchronized void restartMongo() throws InterruptedException {
        mongo = startMongo();
    }

    // ---- addresses, tokens, databases

    static int port(String service) {
        return SERVICES.get(service) + OFFSET;
    }

    static URI uri(String service, String path) {
        return URI.create("http://localhost:" + port(service) + path);
    }

    static String origin() {
        return "http://localhost:" + (3000 + OFFSET);
    }

    String token(String userId, String name) {
        return tokens.sign(DevTokens.Claims.of(userId).name(name).ttl(Duration.ofHours(2)).azp(origin()));
    }

    static Connection ordersDatabase() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + POSTGRES_PORT + "/orders", "postgres", "postgres");
    }

    private static String version() {
        return System.getProperty("drills.project-version", "0.1.0-SNAPSHOT");
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (String service : List.copyOf(processes.keySet())) {
            try {
                stop(service);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        mongo.shutdownNow();
        kafka.stop();
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("PostgreSQL did not stop cleanly: " + e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
