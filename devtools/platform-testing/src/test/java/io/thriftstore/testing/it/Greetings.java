package io.thriftstore.testing.it;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Listens on this context's prefixed topic, as the platform's listeners do, and keeps what arrived. */
@Component
class Greetings {

    static final String TOPIC = "greetings";

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    @KafkaListener(topics = "${thriftstore.kafka.topic-prefix}" + TOPIC)
    void receive(String greeting) {
        received.add(greeting);
    }

    /** The next greeting received, or null when none arrives in time. */
    String next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
