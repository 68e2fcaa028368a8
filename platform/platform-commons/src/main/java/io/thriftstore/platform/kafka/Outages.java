package io.thriftstore.platform.kafka;

/**
 * Whether a failure means that a store or service the code needs is unavailable (a refused or timed-out
 * connection, a database restarting, an open circuit): the transient kind of {@link ListenerRetryPolicy}.
 * Listeners retry such failures for minutes; REST answers them with 503 and {@code Retry-After}, not 500.
 */
public final class Outages {

    private Outages() {
    }

    public static boolean isOutage(Throwable failure) {
        return ListenerRetryPolicy.classify(failure) == ListenerRetryPolicy.Kind.TRANSIENT;
    }
}
