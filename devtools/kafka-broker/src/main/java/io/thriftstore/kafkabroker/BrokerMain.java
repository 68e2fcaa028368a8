package io.thriftstore.kafkabroker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

/**
 * Entry point of the child JVM started by {@link KafkaBrokerProcess}: formats the log directory on first
 * use, then runs a single-node KRaft broker+controller until the JVM is asked to stop.
 *
 * <p>Usage: {@code BrokerMain <server.properties> <cluster id>}. With the system property
 * {@value #STOP_WITH_PARENT_PROPERTY} left at {@code true}, the broker also stops when its standard input
 * reaches end-of-file, which happens when the parent process exits for any reason, SIGKILL included: no
 * orphaned brokers holding ports after a crashed test run.
 */
public final class BrokerMain {

    /** Printed once the broker serves requests; the parent waits for it before its own readiness check. */
    static final String STARTED_LINE = "ThriftStore Kafka broker started";

    static final String STOPPED_LINE = "ThriftStore Kafka broker stopped";

    static final String STOP_WITH_PARENT_PROPERTY = "thriftstore.kafka.stop-with-parent";

    static final String LOG4J_CONFIGURATION = "META-INF/thriftstore/kafka-broker-log4j2.xml";

    /** A graceful shutdown that takes longer than this is cut short: a stuck broker must not outlive its parent. */
    private static final long HALT_AFTER_MILLIS = 20_000;

    private BrokerMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: BrokerMain <server.properties> <cluster id>");
            System.exit(2);
        }
        // Before the first logger is created: Kafka's own log4j configuration would log INFO to stdout.
        System.setProperty("log4j2.configurationFile", LOG4J_CONFIGURATION);
        // Kafka still logs while shutting down; log4j's own shutdown hook would silence it first.
        System.setProperty("log4j.shutdownHookEnabled", "false");

        Path config = Path.of(args[0]).toAbsolutePath();
        String clusterId = args[1];
        if (Boolean.parseBoolean(System.getProperty(STOP_WITH_PARENT_PROPERTY, "true"))) {
            watchParent();
        }

        // --ignore-formatted: a restart reuses the data written before, which is the point of stop()/start().
        int formatted = StorageTool.execute(new String[] {
                "format", "--config", config.toString(), "--cluster-id", clusterId, "--ignore-formatted"},
                System.out);
        if (formatted != 0) {
            System.err.println("formatting the log directory failed with exit code " + formatted);
            System.exit(formatted);
        }

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(load(config), false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            say(STOPPED_LINE);
        }, "kafka-shutdown"));
        try {
            server.startup();
        } catch (RuntimeException e) {
            e.printStackTrace();
            Runtime.getRuntime().halt(1);
        }
        say(STARTED_LINE);
        server.awaitShutdown();
    }

    private static void say(String line) {
        System.out.println("[" + Instant.now() + "] " + line);
        System.out.flush();
    }

    private static Properties load(Path config) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(config)) {
            properties.load(in);
        }
        return properties;
    }

    /**
     * The parent holds our stdin open and never writes to it; end-of-file therefore means the parent is gone.
     * A pipe is the one signal that survives SIGKILL of the parent, unlike a shutdown hook over there.
     */
    private static void watchParent() {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // input is ignored; only its end matters
                }
            } catch (IOException e) {
                // a broken pipe means the same as end-of-file
            }
            say("standard input closed (parent process gone or stopping us): stopping the broker");
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(HALT_AFTER_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Runtime.getRuntime().halt(1);
            }, "kafka-halt-timer");
            halt.setDaemon(true);
            halt.start();
            System.exit(0);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
