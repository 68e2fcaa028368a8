package io.thriftstore.platform.auth;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTests {

    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    private final MovableClock clock = new MovableClock();
    private final RealDecoder real = new RealDecoder();
    private final VerifiedTokens tokens = new VerifiedTokens(real, clock, 100, Duration.ofMinutes(5));

    @Test
    void aTokenSentAgainIsNotVerifiedAgain() {
        Jwt first = tokens.decode("alice-token");
        Jwt again = tokens.decode("alice-token");

        assertThat(again).isSameAs(first);
        assertThat(real.asked).containsExactly("alice-token");
    }

    @Test
    void aRememberedTokenPastItsExpiryIsAskedAgainAndRefused() {
        tokens.decode("alice-token");
        clock.now = START.plus(Duration.ofHours(1)).plusSeconds(1);
        real.refuseFromNowOn = true;

        assertThatThrownBy(() -> tokens.decode("alice-token")).isInstanceOf(BadJwtException.class);
        assertThat(real.asked).containsExactly("alice-token", "alice-token");
    }

    @Test
    void aRefusedTokenIsNeverRememberedSoItIsRefusedEveryTime() {
        real.refuseFromNowOn = true;

        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(real.asked).containsExactly("forged", "forged");
    }

    @Test
    void aRememberedTokenIsVerifiedAgainAfterTheCacheLifetimeSoAKeyChangeReachesIt() {
        tokens.decode("alice-token");
        clock.now = START.plus(Duration.ofMinutes(5)).plusSeconds(1);

        tokens.decode("alice-token");

        assertThat(real.asked).hasSize(2);
    }

    /** Stands in for the RS256 decoder: accepts any token for an hour from START until told to refuse. */
    private final class RealDecoder implements JwtDecoder {
        final List<String> asked = new ArrayList<>();
        boolean refuseFromNowOn;

        @Override
        public Jwt decode(String token) {
            asked.add(token);
            if (refuseFromNowOn) {
                throw new BadJwtException("refused");
            }
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("user_alice")
                .issuedAt(START).expiresAt(START.plus(Duration.ofHours(1))).build();
        }
    }

    private static final class MovableClock extends Clock {
        Instant now = START;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
