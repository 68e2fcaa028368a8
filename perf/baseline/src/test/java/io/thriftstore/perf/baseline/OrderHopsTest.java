package io.thriftstore.perf.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderHopsTest {

    @Test
    void theTableHasTheIssue15PathAndItsTwoKafkaHops() {
        assertThat(OrderHops.HOPS).hasSize(6);
        assertThat(OrderHops.HOPS.get(0)).startsWith("POST sent -> order committed");
        assertThat(OrderHops.HOPS).filteredOn(hop -> hop.contains("Kafka hop")).hasSize(2);
        assertThat(OrderHops.HOPS).noneMatch(hop -> hop.contains("inventory") || hop.contains("product-service"));
    }

    @Test
    void splitsOneOrdersClocksIntoHopsThatAddUpToTheTotal() {
        OrderHops.Clocks clocks = new OrderHops.Clocks(1_000, 1_012, 1_030, 1_041, 1_060, 1_075);

        Long[] hops = clocks.split();

        assertThat(hops).containsExactly(12L, 18L, 11L, 19L, 15L, 75L);
        assertThat(hops[0] + hops[1] + hops[2] + hops[3] + hops[4]).isEqualTo(hops[5]);
    }

    @Test
    void withoutTheClientsClocksOnlyTheTopicHopsAreKnown() {
        OrderHops.Clocks clocks = new OrderHops.Clocks(-1, 1_012, 1_030, 1_041, 1_060, -1);

        assertThat(clocks.split()).containsExactly(null, 18L, 11L, 19L, null, null);
    }

    @Test
    void aMillisecondOfClockRoundingNeverMakesAHopNegative() {
        OrderHops.Clocks clocks = new OrderHops.Clocks(1_000, 999, 1_030, 1_029, 1_060, 1_075);

        assertThat(clocks.split()).containsExactly(0L, 31L, 0L, 31L, 15L, 75L);
    }
}
