package io.thriftstore.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The {@code apache/kafka} image, used when a Docker engine answers. An outage is a paused container: a
 * stopped one would come back on another mapped port, and clients keep the address they were given.
 */
final class ContainerKafka implements Infrastructure.Kafka, AutoCloseable {

    private final KafkaContainer container;
    private boolean paused;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    @SuppressWarnings("resource") // closed by the shutdown hook of Infrastructure
    static ContainerKafka launch() {
        KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "1")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true");
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public synchronized void stop() {
        if (!paused) {
            DockerClientFactory.instance().client().pauseContainerCmd(container.getContainerId()).exec();
            paused = true;
        }
    }

    @Override
    public synchronized void start() {
        if (paused) {
            DockerClientFactory.instance().client().unpauseContainerCmd(container.getContainerId()).exec();
            paused = false;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return !paused && container.isRunning();
    }

    @Override
    public void close() {
        start();
        container.stop();
    }

    @Override
    public String toString() {
        return "Kafka container at " + container.getBootstrapServers();
    }
}
