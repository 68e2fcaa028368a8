package io.thriftstore.platform.web.testapp;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Holds requests until a test opens it; open unless a test closed it. */
public final class Gate {

    /** The gate of {@code /api/public/held} (SampleController), shared by the context every test uses. */
    public static final Gate HELD = new Gate();

    private final AtomicInteger waiting = new AtomicInteger();
    private volatile CountDownLatch opened = new CountDownLatch(0);

    public void close() {
        opened = new CountDownLatch(1);
    }

    public void open() {
        opened.countDown();
    }

    /** Blocks until {@code count} requests wait at the gate, or fails after {@code timeout}. */
    public void awaitWaiting(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (waiting.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(waiting.get() + " requests reached the gate, not " + count);
            }
            Thread.sleep(10);
        }
    }

    void pass() throws InterruptedException {
        waiting.incrementAndGet();
        try {
            if (!opened.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The gate was never opened");
            }
        }
        finally {
            waiting.decrementAndGet();
        }
    }
}
