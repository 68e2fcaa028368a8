package io.thriftstore.platform.auth;

import io.thriftstore.platform.web.testapp.MovableClock;
import io.thriftstore.platform.web.testapp.SampleAppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class WriteRateLimitTests extends SampleAppTest {

    /** The write limit's time: it moves only when a test moves it, so no test waits for a refill. */
    @Autowired
    MovableClock clock;

    @Test
    void writesOverTheLimitAre429WithRetryAfterWhileOtherUsersCarryOn() throws Exception {
        String busy = bearer(newUserId(), "Busy");
        for (int i = 0; i < WRITES_PER_MINUTE; i++) {
            mvc.perform(delete("/api/items/1").header(HttpHeaders.AUTHORIZATION, busy)).andExpect(status().isNoContent());
        }

        int refillSeconds = 60 / WRITES_PER_MINUTE;
        mvc.perform(delete("/api/items/1").header(HttpHeaders.AUTHORIZATION, busy))
            .andExpect(status().isTooManyRequests())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("https://thriftstore.dev/problems/rate-limited"))
            .andExpect(result -> assertThat(Long.parseLong(result.getResponse().getHeader(HttpHeaders.RETRY_AFTER)))
                .isBetween(1L, (long) refillSeconds));

        mvc.perform(delete("/api/items/1").header(HttpHeaders.AUTHORIZATION, bearer(newUserId(), "Calm")))
            .andExpect(status().isNoContent());
    }

    @Test
    void aRefusedWriterIsAcceptedAgainOnceTheRetryAfterHasPassed() throws Exception {
        String busy = bearer(newUserId(), "Patient");
        for (int i = 0; i < WRITES_PER_MINUTE; i++) {
            mvc.perform(delete("/api/items/1").header(HttpHeaders.AUTHORIZATION, busy)).andExpect(status().isNoContent());
        }
        long retryAfter = Long.parseLong(mvc.perform(delete("/api/items/1").header(HttpHeaders.AUTHORIZATION, busy))
            .andExpect(status().isTooManyRequests())
            .andReturn().getResponse().getHeader(HttpHeaders.RETRY_AFTER));

        clock.moveOn(Duration.ofSeconds(retryAfter).minusMillis(200));
        mvc.perform(delete("/api/items/1").header(HttpHeaders.AUTHORIZATION, busy)).andExpect(status().isTooManyRequests());

        clock.moveOn(Duration.ofMillis(200));
        mvc.perform(delete("/api/items/1").header(HttpHeaders.AUTHORIZATION, busy)).andExpect(status().isNoContent());
        // One permit came back, not the whole minute's.
        mvc.perform(delete("/api/items/1").header(HttpHeaders.AUTHORIZATION, busy)).andExpect(status().isTooManyRequests());
    }

    @Test
    void readsAreNotCounted() throws Exception {
        String reader = bearer(newUserId(), "Reader");
        for (int i = 0; i < WRITES_PER_MINUTE * 2; i++) {
            mvc.perform(get("/api/items/1").header(HttpHeaders.AUTHORIZATION, reader)).andExpect(status().isOk());
        }
        mvc.perform(delete("/api/items/1").header(HttpHeaders.AUTHORIZATION, reader)).andExpect(status().isNoContent());
    }

    @Test
    void aLimiterRefillsSmoothlyAndKeepsKeysApart() {
        MovableClock time = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        RateLimits limits = new RateLimits(2, Duration.ofMillis(400), 100, time);
        assertThat(limits.tryConsume("a").allowed()).isTrue();
        assertThat(limits.tryConsume("a").allowed()).isTrue();
        RateLimits.Decision refused = limits.tryConsume("a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(200));
        assertThat(limits.tryConsume("b").allowed()).isTrue();

        time.moveOn(refused.retryAfter().minusMillis(1));
        assertThat(limits.tryConsume("a").allowed()).isFalse();
        time.moveOn(Duration.ofMillis(1));
        assertThat(limits.tryConsume("a").allowed()).isTrue();
    }
}
