package io.thriftstore.testing.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;

import io.thriftstore.testing.Infrastructure;
import io.thriftstore.testing.RealInfrastructure;
import io.thriftstore.testing.TestInfrastructure;

@SpringBootTest
@RealInfrastructure
class KafkaIT {

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    Greetings greetings;

    @Autowired
    TestInfrastructure infrastructure;

    @Autowired
    Environment environment;

    @Test
    void aRecordSentToThePrefixedTopicReachesTheContextsListener() throws Exception {
        kafka.send(infrastructure.topic(Greetings.TOPIC), "seller-1", "hello from a test").get(30, TimeUnit.SECONDS);

        assertThat(greetings.next(Duration.ofSeconds(30))).isEqualTo("hello from a test");
    }

    @Test
    void theContextTalksToTheSharedBrokerUnderItsOwnPrefix() {
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo(Infrastructure.kafka().bootstrapServers())
                .isEqualTo(infrastructure.kafkaBootstrapServers());
        assertThat(environment.getProperty("thriftstore.kafka.topic-prefix"))
                .isEqualTo(infrastructure.topicPrefix())
                .matches("t[0-9a-f]{6}-");
        assertThat(infrastructure.topic("order-events")).isEqualTo(infrastructure.topicPrefix() + "order-events");
    }
}
