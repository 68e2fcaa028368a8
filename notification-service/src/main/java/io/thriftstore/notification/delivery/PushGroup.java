package io.thriftstore.notification.delivery;

import java.util.UUID;

import io.thriftstore.platform.events.Topics;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This instance's own consumer group for live pushes: every instance must see every notification,
 * because the user's sockets may be on any of them. A fresh id per start (prefix applied), so
 * groups of stopped instances are simply abandoned (Kafka expires their offsets).
 */
@Component("pushGroup")
public class PushGroup {

    private final String id;

    PushGroup(Topics topics, @Value("${spring.application.name}") String applicationName) {
        this.id = topics.name(applicationName + "-push-" + UUID.randomUUID());
    }

    /** Public: the listener annotation reads it through SpEL. */
    public String id() {
        return id;
    }
}
