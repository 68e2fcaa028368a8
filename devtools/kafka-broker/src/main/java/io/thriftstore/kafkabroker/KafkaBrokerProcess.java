package io.thriftstore.kafkabroker;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft Kafka broker running in a child JVM, started and stopped from this JVM.
 *
 * <p>The broker's jars (Scala, Jackson 2, log4j) never enter this JVM: the child gets the classpath that
 * the kafka-broker module recorded at build time, so this class needs only the JDK and kafka-clients
 * (for its readiness check). The broker listens on {@code host:port}, stores everything in
 * {@link #logDir()} ({@code data/} holds Kafka's log directory, {@code broker.log} its log,
 * {@code server.properties} the configuration in use), and can be stopped and started again at the same
 * address with the same data, which is how tests simulate an outage.
 *
 * <pre>{@code
 * KafkaBrokerProcess kafka = KafkaBrokerProcess.builder().port(9092).logDir(Path.of(".data/kafka")).build();
 * kafka.start();                    // returns once an AdminClient sees the cluster
 * kafka.bootstrapServers();         // "127.0.0.1:9092"
 * kafka.stop();                     // graceful (SIGTERM), forced after a timeout
 * }</pre>
 *
 * <p>The broker also stops when this JVM dies, even by SIGKILL (see {@link BrokerMain}), unless
 * {@link Builder#stopWithParent(boolean)} says otherwise. Instances are thread-safe.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    static final String CLASSPATH_RESOURCE = "META-INF/thriftstore/kafka-broker.classpath";

    private static final String BROKER_MAIN = "io.thriftstore.kafkabroker.BrokerMain";
    private static final String LOG_FILE = "broker.log";
    private static final long LOG_ROTATE_BYTES = 10L * 1024 * 1024;
    private static final int LOG_TAIL_LINES = 60;

    private final String host;
    private final Path logDir;
    private final boolean temporaryLogDir;
    private final Map<String, String> extraProperties;
    private final List<String> jvmOptions;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final boolean stopWithParent;
    private final boolean portsChosenHere;

    private int port;
    private int controllerPort;
    private Process process;
    private boolean startedOnce;

    private KafkaBrokerProcess(Builder builder) {
        this.host = builder.host;
        this.temporaryLogDir = builder.logDir == null;
        this.logDir = temporaryLogDir ? createTemporaryLogDir() : builder.logDir.toAbsolutePath();
        this.extraProperties = Map.copyOf(builder.properties);
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        this.startTimeout = builder.startTimeout;
        this.stopTimeout = builder.stopTimeout;
        this.stopWithParent = builder.stopWithParent;
        this.portsChosenHere = builder.port == 0 && builder.controllerPort == 0;
        this.port = builder.port;
        this.controllerPort = builder.controllerPort;
        choosePorts();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the broker and returns once it answers an AdminClient; does nothing when it already runs.
     * A restart reuses the address and the data of the previous run.
     *
     * @throws IllegalStateException when the broker exits or is not ready within the start timeout; the
     *                               message carries the tail of {@code broker.log}
     */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            launchAndAwaitReady();
        } catch (IllegalStateException firstFailure) {
            // A port picked as free can be taken by another process before the broker binds it. Ports may
            // change only when none was asked for, and only before the first successful start: afterwards the
            // address is a promise to the clients that already know it.
            if (!portsChosenHere || startedOnce || !firstFailure.getMessage().contains("Address already in use")) {
                throw firstFailure;
            }
            port = 0;
            controllerPort = 0;
            choosePorts();
            launchAndAwaitReady();
        }
        startedOnce = true;
    }

    /**
     * Stops the broker gracefully (SIGTERM, so Kafka closes its logs cleanly and restarts quickly) and
     * forcibly if that takes longer than the stop timeout. Does nothing when the broker is not running.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Process stopping = process;
        process = null;
        stopping.destroy();
        try {
            if (!stopping.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stopping.destroyForcibly();
                stopping.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            stopping.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(stopping.getOutputStream());
        }
    }

    /** Stops the broker; a log directory that this instance created itself is deleted as well. */
    @Override
    public synchronized void close() {
        stop();
        if (temporaryLogDir) {
            deleteRecursively(logDir);
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** {@code host:port}, valid before the first start and unchanged across restarts. */
    public synchronized String bootstrapServers() {
        return host + ":" + port;
    }

    public synchronized int port() {
        return port;
    }

    public synchronized int controllerPort() {
        return controllerPort;
    }

    /** The process id of the running broker, e.g. for a launcher's pid file. */
    public synchronized OptionalLong pid() {
        return isRunning() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    public Path logDir() {
        return logDir;
    }

    public Path logFile() {
        return logDir.resolve(LOG_FILE);
    }

    @Override
    public String toString() {
        return "KafkaBrokerProcess[" + bootstrapServers() + ", " + logDir + (isRunning() ? ", running]" : "]");
    }

    private void launchAndAwaitReady() {
        Path log = logFile();
        long logOffset;
        try {
            Files.createDirectories(logDir);
            rotate(log);
            logOffset = Files.exists(log) ? Files.size(log) : 0;
            Path config = writeServerProperties();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-D" + BrokerMain.STOP_WITH_PARENT_PROPERTY + "=" + stopWithParent);
            command.add("-cp");
            command.add(childClasspath());
            command.add(BROKER_MAIN);
            command.add(config.toString());
            command.add(clusterId());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(logDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (!stopWithParent) {
                builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            }
            // The stdin pipe stays open in this field for the child's lifetime: its end tells the child we died.
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not launch the Kafka broker in " + logDir, e);
        }
        awaitReady(log, logOffset);
    }

    private void awaitReady(Path log, long logOffset) {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        boolean started = false;
        String lastError = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                int exitCode = process.exitValue();
                process = null;
                throw failure("exited with code " + exitCode + " while starting", log);
            }
            // The started line first: polling an AdminClient against a closed port fills the parent's log
            // with connection warnings. The AdminClient call then confirms that the broker serves requests.
            started = started || logContains(log, logOffset, BrokerMain.STARTED_LINE);
            if (started) {
                try {
                    describeCluster();
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    lastError = String.valueOf(e.getCause() == null ? e : e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            sleep(100);
        }
        Process failed = process;
        process = null;
        failed.destroyForcibly();
        throw failure("was not ready within " + startTimeout.toSeconds() + " s (started line seen: " + started
                + ", last AdminClient error: " + lastError + ")", log);
    }

    private void describeCluster() throws ExecutionException, TimeoutException, InterruptedException {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
        }
    }

    private IllegalStateException failure(String what, Path log) {
        return new IllegalStateException("Kafka broker at " + bootstrapServers() + " " + what + "; last lines of "
                + log + ":\n" + tail(log));
    }

    private Path writeServerProperties() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", "1");
        settings.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        settings.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("log.dirs", logDir.resolve("data").toString());
        // One node: every internal topic has a single replica, and a single partition starts fastest.
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", "1");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("transaction.state.log.num.partitions", "1");
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        settings.put("default.replication.factor", "1");
        settings.put("min.insync.replicas", "1");
        settings.put("group.initial.rebalance.delay.ms", "0");
        settings.put("auto.create.topics.enable", "true");
        // The default 128 MiB dedupe buffer does not fit a small heap: the broker dies at start-up.
        settings.put("log.cleaner.dedupe.buffer.size", "16777216");
        // Two cores on the machines this runs on: Kafka's defaults (8 I/O, 3 network threads) only add overhead.
        settings.put("num.io.threads", "2");
        settings.put("num.network.threads", "2");
        settings.putAll(extraProperties);

        Properties properties = new Properties();
        properties.putAll(settings);
        Path config = logDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            properties.store(out, "Written by KafkaBrokerProcess at every start; edits are overwritten");
        }
        return config;
    }

    /** The cluster id is fixed by the first format; kept beside the data so that a restart passes the same one. */
    private String clusterId() throws IOException {
        Path file = logDir.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id, StandardCharsets.UTF_8);
        return id;
    }

    /** The broker's jars, recorded at build time, plus this module's own classes for {@link BrokerMain}. */
    private static String childClasspath() throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(ownCodeLocation().toString());
        try (InputStream in = resource(CLASSPATH_RESOURCE)) {
            for (String entry : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split(File.pathSeparator)) {
                if (!Files.exists(Path.of(entry))) {
                    throw new IllegalStateException("the Kafka broker's classpath names " + entry
                            + ", which does not exist; rebuild devtools/kafka-broker (./mvnw -pl devtools/kafka-broker install)");
                }
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * This module's jar or classes directory. Inside a packaged application (a nested jar) there is no such
     * file, so the two files the child needs from this module are copied out to a temporary directory.
     */
    private static Path ownCodeLocation() throws IOException {
        URL location = KafkaBrokerProcess.class.getProtectionDomain().getCodeSource().getLocation();
        if ("file".equals(location.getProtocol())) {
            try {
                return Path.of(location.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("unexpected code location " + location, e);
            }
        }
        Path classes = Files.createTempDirectory("kafka-broker-classes");
        for (String name : List.of(BROKER_MAIN.replace('.', '/') + ".class", BrokerMain.LOG4J_CONFIGURATION)) {
            Path target = classes.resolve(name);
            Files.createDirectories(target.getParent());
            try (InputStream in = resource(name)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return classes;
    }

    private static InputStream resource(String name) {
        InputStream in = KafkaBrokerProcess.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the classpath: depend on io.thriftstore:kafka-broker");
        }
        return in;
    }

    private void choosePorts() {
        if (port == 0) {
            port = freePort(-1);
        }
        if (controllerPort == 0) {
            controllerPort = freePort(port);
        }
    }

    private int freePort(int not) {
        try {
            InetAddress address = InetAddress.getByName(host);
            while (true) {
                try (ServerSocket socket = new ServerSocket(0, 1, address)) {
                    if (socket.getLocalPort() != not) {
                        return socket.getLocalPort();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }

    private static boolean logContains(Path log, long offset, String text) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            if (file.length() <= offset) {
                return false;
            }
            file.seek(offset);
            byte[] bytes = new byte[(int) Math.min(file.length() - offset, 4L * 1024 * 1024)];
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path log) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - LOG_TAIL_LINES), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + log + ": " + e + ")";
        }
    }

    private static void rotate(Path log) throws IOException {
        if (Files.exists(log) && Files.size(log) > LOG_ROTATE_BYTES) {
            Files.move(log, log.resolveSibling(LOG_FILE + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path createTemporaryLogDir() {
        try {
            return Files.createTempDirectory("kafka-broker");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory for the Kafka broker", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temporary directory is not worth failing a shutdown for
        }
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // the child is gone; nothing left to tell it
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Settings of a {@link KafkaBrokerProcess}; every one has a default that suits a test. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port;
        private int controllerPort;
        private Path logDir;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private List<String> jvmOptions = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");
        private Duration startTimeout = Duration.ofSeconds(90);
        private Duration stopTimeout = Duration.ofSeconds(30);
        private boolean stopWithParent = true;

        private Builder() {
        }

        /** The address the broker binds and advertises; default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The client port; 0 (the default) picks a free one, kept across restarts. */
        public Builder port(int port) {
            this.port = requirePort(port);
            return this;
        }

        /** The KRaft controller port; 0 (the default) picks a free one, kept across restarts. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = requirePort(controllerPort);
            return this;
        }

        /**
         * The broker's own directory (created when missing; data, log and configuration live inside). Default:
         * a new temporary directory, deleted by {@link KafkaBrokerProcess#close()}.
         */
        public Builder logDir(Path logDir) {
            this.logDir = Objects.requireNonNull(logDir, "logDir");
            return this;
        }

        /** A broker setting that overrides the defaults, e.g. {@code property("num.partitions", "3")}. */
        public Builder property(String name, String value) {
            properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder properties(Map<String, String> properties) {
            properties.forEach(this::property);
            return this;
        }

        /**
         * Options of the child JVM, replacing the default {@code -Xms64m -Xmx256m -XX:+UseSerialGC} (about
         * 165 MiB resident; the small heap works thanks to the reduced cleaner buffer set in the broker's
         * properties). Tests may add {@code -XX:TieredStopAtLevel=1}: less CPU at start-up, less throughput.
         */
        public Builder jvmOptions(List<String> jvmOptions) {
            this.jvmOptions = List.copyOf(jvmOptions);
            return this;
        }

        /** How long {@link KafkaBrokerProcess#start()} waits for readiness; default 90 s (busy CI machines). */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        /** How long {@link KafkaBrokerProcess#stop()} waits for a graceful stop before killing; default 30 s. */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
            return this;
        }

        /**
         * Whether the broker stops when the JVM that started it exits (default true). Turn it off only for a
         * broker meant to outlive its launcher; then something else must stop it.
         */
        public Builder stopWithParent(boolean stopWithParent) {
            this.stopWithParent = stopWithParent;
            return this;
        }

        public KafkaBrokerProcess build() {
            return new KafkaBrokerProcess(this);
        }

        private static int requirePort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            return port;
        }
    }
}
