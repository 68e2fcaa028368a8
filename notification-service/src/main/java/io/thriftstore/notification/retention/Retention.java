package io.thriftstore.notification.retention;

import java.time.Clock;
import java.time.Instant;

import io.thriftstore.notification.inbox.Inbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes old notifications. An application job rather than a TTL index: mongo-java-server (our
 * test and local store) ignores TTL indexes. Safe with several instances without any lock: the
 * delete by {@code createdAt} is idempotent, so two instances running it at once delete each
 * document once between them, and the second finds nothing.
 */
@Component
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final Inbox inbox;
    private final RetentionProperties properties;
    private final Clock clock;

    Retention(Inbox inbox, RetentionProperties properties) {
        this.inbox = inbox;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @Scheduled(fixedDelayString = "${thriftstore.notifications.retention-interval:1h}", initialDelayString = "PT1M")
    void run() {
        purge();
    }

    long purge() {
        Instant cutoff = clock.instant().minus(properties.retention());
        long deleted = inbox.deleteCreatedBefore(cutoff);
        if (deleted > 0) {
            log.info("Deleted {} notification(s) created before {}", deleted, cutoff);
        }
        return deleted;
    }
}
