package io.thriftstore.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ETagsTests {

    @Test
    void aVersionBecomesAQuotedStrongTag() {
        assertThat(ETags.of(3)).isEqualTo("\"3\"");
    }

    @Test
    void noIfMatchOrAMatchingOneOrAWildcardPasses() {
        assertThatCode(() -> ETags.checkIfMatch(null, 3)).doesNotThrowAnyException();
        assertThatCode(() -> ETags.checkIfMatch("", 3)).doesNotThrowAnyException();
        assertThatCode(() -> ETags.checkIfMatch("\"3\"", 3)).doesNotThrowAnyException();
        assertThatCode(() -> ETags.checkIfMatch("\"1\", \"3\"", 3)).doesNotThrowAnyException();
        assertThatCode(() -> ETags.checkIfMatch("*", 3)).doesNotThrowAnyException();
    }

    @Test
    void aStaleOrWeakOrUnquotedTagFailsThePrecondition() {
        assertThatThrownBy(() -> ETags.checkIfMatch("\"2\"", 3)).isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> ETags.checkIfMatch("W/\"3\"", 3)).isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> ETags.checkIfMatch("3", 3)).isInstanceOf(PreconditionFailedException.class);
    }
}
