package io.thriftstore.devtools.dltreplay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DltReplayOptionsTests {

    @Test
    void readsEveryOption() {
        DltReplay.Options options = DltReplay.Options.parse(new String[] {
                "--bootstrap-servers", "kafka-1:9092,kafka-2:9092", "--topic", "order-events", "--max", "10", "--dry-run"});

        assertThat(options).isEqualTo(new DltReplay.Options("kafka-1:9092,kafka-2:9092", "order-events", 10, true));
        assertThat(options.deadLetterTopic()).isEqualTo("order-events.DLT");
    }

    @Test
    void replaysEverythingForRealUnlessToldOtherwise() {
        DltReplay.Options options = DltReplay.Options.parse(new String[] {"--topic", "order-events"});

        assertThat(options.max()).isEqualTo(Long.MAX_VALUE);
        assertThat(options.dryRun()).isFalse();
        assertThat(options.bootstrapServers()).isNotBlank();
    }

    @Test
    void theNameOfTheDltItselfMeansItsSource() {
        assertThat(new DltReplay.Options("localhost:9092", "order-events.DLT").topic()).isEqualTo("order-events");
    }

    @Test
    void refusesIncompleteOrUnknownArguments() {
        assertThatThrownBy(() -> DltReplay.Options.parse(new String[] {"--max", "3"})).hasMessageContaining("--topic");
        assertThatThrownBy(() -> DltReplay.Options.parse(new String[] {"--topic"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> DltReplay.Options.parse(new String[] {"--topic", "t", "--everything"}))
                .hasMessageContaining("--everything");
        assertThatThrownBy(() -> DltReplay.Options.parse(new String[] {"--topic", "t", "--max", "0"}))
                .hasMessageContaining("max");
        assertThatThrownBy(() -> DltReplay.Options.parse(new String[] {"--topic", ".DLT"})).hasMessageContaining("topic");
    }
}
