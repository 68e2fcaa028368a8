package io.thriftstore.notification.retention;

import java.time.Duration;
import java.time.Instant;

import io.thriftstore.notification.NotificationServiceIT;
import io.thriftstore.notification.inbox.Inbox;
import io.thriftstore.platform.events.NotificationCreated;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/** Notifications older than the retention (90 days) are deleted; the job may run on every instance. */
@NotificationServiceIT
class RetentionIT {

    @Autowired
    Inbox inbox;

    @Autowired
    Retention retention;

    @Autowired
    MongoTemplate mongo;

    @Test
    void notificationsOlderThanNinetyDaysAreDeletedAndRunningTwiceIsHarmless() {
        String user = "user_retention_" + System.nanoTime();
        Instant now = Instant.now();
        inbox.store(new NotificationCreated("old-" + user, user, "PRICE_DROP", "Old", "Old news", "/products/x", "e1",
            now.minus(Duration.ofDays(91))));
        inbox.store(new NotificationCreated("recent-" + user, user, "PRICE_DROP", "Recent", "News", "/products/x", "e2",
            now.minus(Duration.ofDays(89))));

        assertThat(retention.purge()).isGreaterThanOrEqualTo(1);
        assertThat(retention.purge()).as("a second instance running it finds nothing").isZero();

        assertThat(mongo.find(Query.query(Criteria.where("userId").is(user)), org.bson.Document.class, "notifications"))
            .extracting(document -> document.getString("_id")).containsExactly("recent-" + user);
    }
}
