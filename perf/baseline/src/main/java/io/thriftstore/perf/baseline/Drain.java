package io.thriftstore.perf.baseline;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the platform has caught up: every consumer group of the services has committed up to the end of
 * its topics, three checks in a row a second apart. perf/run.sh runs it between simulations, so a phase does
 * not start behind the backlog the one before it left (run 2 of docs/PERFORMANCE.md measured chat behind one).
 *
 * <pre>drain [--bootstrap localhost:9092] [--timeout-seconds 180]</pre>
 * Prints {@code RESULT drain lag=0 seconds=...}, or the lag left when the timeout came.
 */
final class Drain {

    private Drain() {
    }

    public static void main(String[] args) throws Exception {
        Args a = new Args(args);
        String bootstrap = a.get("--bootstrap", "localhost:9092");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(a.getInt("--timeout-seconds", 180));
        long start = System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            int quiet = 0;
            long lag = -1;
            while (quiet < 3 && System.nanoTime() < deadline) {
                lag = lag(admin);
                quiet = lag == 0 ? quiet + 1 : 0;
                Thread.sleep(1000);
            }
            System.out.printf("RESULT drain lag=%d seconds=%d%n", lag,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        }
    }

    /** Records not yet committed, summed over the services' groups (the harness's own groups left out). */
    private static long lag(Admin admin) throws Exception {
        long lag = 0;
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            if (group.groupId().startsWith("perf-")) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> query = new HashMap<>();
            committed.keySet().forEach(partition -> query.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(query).all().get();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> at : committed.entrySet()) {
                if (at.getValue() != null) {
                    lag += ends.get(at.getKey()).offset() - at.getValue().offset();
                }
            }
        }
        return lag;
    }
}
