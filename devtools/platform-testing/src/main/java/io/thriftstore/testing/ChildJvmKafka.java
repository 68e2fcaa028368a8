package io.thriftstore.testing;

import java.util.List;

import io.thriftstore.kafkabroker.KafkaBrokerProcess;

/** The kafka-broker module's real broker in a child JVM, on free ports, with a temporary log directory. */
final class ChildJvmKafka implements Infrastructure.Kafka, AutoCloseable {

    private final KafkaBrokerProcess broker;

    private ChildJvmKafka(KafkaBrokerProcess broker) {
        this.broker = broker;
    }

    static ChildJvmKafka launch() {
        KafkaBrokerProcess broker = KafkaBrokerProcess.builder()
                // C1 only: less CPU while the test JVM starts Spring contexts beside it; tests do not need peak throughput.
                .jvmOptions(List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"))
                .build();
        broker.start();
        return new ChildJvmKafka(broker);
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public void stop() {
        broker.stop();
    }

    @Override
    public void start() {
        broker.start();
    }

    @Override
    public boolean isRunning() {
        return broker.isRunning();
    }

    @Override
    public void close() {
        broker.close();
    }

    @Override
    public String toString() {
        return "Kafka broker in a child JVM at " + broker.bootstrapServers() + " (log: " + broker.logFile() + ")";
    }
}
