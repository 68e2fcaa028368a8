package io.thriftstore.kafkabroker;

import java.nio.file.Path;

/** Run in its own JVM by {@link KafkaBrokerProcessIT}: starts a broker, reports its port, then waits to be killed. */
final class StartBrokerAndWait {

    private StartBrokerAndWait() {
    }

    public static void main(String[] args) throws InterruptedException {
        KafkaBrokerProcess broker = KafkaBrokerProcess.builder().logDir(Path.of(args[0], "kafka-parent-test")).build();
        broker.start();
        System.out.println("READY " + broker.port() + " " + broker.pid().orElseThrow());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
