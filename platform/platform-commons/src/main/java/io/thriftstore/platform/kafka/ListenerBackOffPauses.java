package io.thriftstore.platform.kafka;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Backs off by pausing the listener container instead of sleeping on its consumer thread. A transient
 * outage is retried for minutes, with single back-offs of up to 30 s: on a sleeping thread the consumer
 * would not poll for that long, and beyond {@code max.poll.interval.ms} (5 min) it would be thrown out of
 * its group. A paused container keeps polling (and receives nothing), so it stays in its group; the failed
 * record was sought back, so it comes again first once the pause ends, and the order per key is kept.
 *
 * <p>Spring Kafka's {@link ContainerPausingBackOffHandler} does the pausing; it needs a scheduler for the
 * resume, which this class owns (not a bean: a {@code TaskScheduler} bean would replace Boot's scheduler for
 * the services' {@code @Scheduled} jobs).
 */
final class ListenerBackOffPauses extends ContainerPausingBackOffHandler implements DisposableBean {

    private final ThreadPoolTaskScheduler scheduler;

    private ListenerBackOffPauses(ThreadPoolTaskScheduler scheduler) {
        super(new ListenerContainerPauseService(null, scheduler));
        this.scheduler = scheduler;
    }

    static ListenerBackOffPauses create() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("kafka-retry-resume-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        return new ListenerBackOffPauses(scheduler);
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }
}
