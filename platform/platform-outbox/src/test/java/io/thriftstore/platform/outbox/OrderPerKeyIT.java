package io.thriftstore.platform.outbox;

import io.thriftstore.testing.TopicRecords;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class OrderPerKeyIT extends OutboxIntegrationTest {

    @Test
    void eventsOfEachKeyArriveInTheOrderTheyWereCommitted() throws Exception {
        List<String> owners = owners("order", 3);

        Map<String, List<UUID>> written = writeConcurrently(owners, 100);

        List<ConsumerRecord<String, byte[]>> records = awaitEvents(Set.copyOf(owners), 300);
        assertThat(TopicRecords.firstArrivalsByKey(records)).isEqualTo(written);
        assertNoEventTwice(records);
    }
}
