package io.thriftstore.platform.kafka;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.validation.ValidationException;
import org.apache.kafka.common.errors.RetriableException;

import org.springframework.core.convert.ConversionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.ClassUtils;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

import io.thriftstore.platform.events.EventCodec;
import io.thriftstore.platform.web.ServiceUnavailableException;

/**
 * Which back-off a record that failed in a listener gets, from what went wrong (the whole cause chain).
 *
 * <ul>
 * <li>{@link Kind#TRANSIENT}: a store or service the listener needs is unavailable (refused or timed-out
 * connections, a database restarting, a circuit open). The record is fine; it is retried with a long
 * exponential back-off (minutes in total), so that an outage of a database, MongoDB or a downstream service
 * ends with every record processed, in order, and nothing dead-lettered.</li>
 * <li>{@link Kind#POISON}: the record itself is bad (undecodable, invalid, an argument the listener refuses).
 * No retry can fix it: straight to the DLT, one attempt.</li>
 * <li>{@link Kind#OTHER}: anything else (a bug, a constraint violation that a retry may or may not clear):
 * the bounded retries of {@code thriftstore.kafka.retry.attempts}, then the DLT.</li>
 * </ul>
 * A chain that contains any transient cause is transient, even under a poison-looking wrapper: dead-lettering
 * a good record because its store was down is the failure this policy exists to prevent.
 *
 * <p>Drivers that a service may lack (MongoDB, resilience4j) are matched by class name, so platform-commons
 * does not depend on them.
 */
final class ListenerRetryPolicy {

    enum Kind { TRANSIENT, POISON, OTHER }

    /** No retry: the recoverer (the DLT) runs after the first failure. */
    private static final BackOff NO_RETRY = new FixedBackOff(0, 0);

    private static final List<Class<?>> TRANSIENT = Stream.concat(
            Stream.of(
                    // Spring's translation of store outages (JDBC, JPA and Spring Data MongoDB alike).
                    TransientDataAccessException.class, DataAccessResourceFailureException.class,
                    RecoverableDataAccessException.class, CannotCreateTransactionException.class,
                    // Raw JDBC: HikariCP's "connection is not available" is an SQLTransientConnectionException.
                    SQLTransientException.class, SQLRecoverableException.class,
                    // Networks and HTTP clients (RestClient wraps I/O errors in ResourceAccessException).
                    SocketException.class, SocketTimeoutException.class, UnknownHostException.class,
                    HttpTimeoutException.class, ResourceAccessException.class,
                    HttpServerErrorException.BadGateway.class, HttpServerErrorException.ServiceUnavailable.class,
                    HttpServerErrorException.GatewayTimeout.class, ServiceUnavailableException.class,
                    // Kafka's own: timeouts, leader changes, network errors of a producer inside a listener.
                    RetriableException.class),
            Stream.of(
                    "com.mongodb.MongoSocketException", "com.mongodb.MongoTimeoutException",
                    "com.mongodb.MongoNotPrimaryException", "com.mongodb.MongoNodeIsRecoveringException",
                    "com.mongodb.MongoConnectionPoolClearedException",
                    "io.github.resilience4j.circuitbreaker.CallNotPermittedException")
                    .filter(name -> ClassUtils.isPresent(name, ListenerRetryPolicy.class.getClassLoader()))
                    .map(name -> ClassUtils.resolveClassName(name, ListenerRetryPolicy.class.getClassLoader())))
            .toList();

    private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

    /** Besides class 08 (connection exception); see {@link #isTransientSqlState}. */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("57P01", "57P02", "57P03", "57P05", "53300", "40001", "40P01");

    private static final List<Class<?>> POISON = List.of(
            DeserializationException.class, EventCodec.UndecodableEventException.class,
            ValidationException.class, MessageConversionException.class, ConversionException.class,
            MethodArgumentResolutionException.class, IllegalArgumentException.class, ClassCastException.class);

    private final BackOff transientBackOff;
    private final BackOff otherBackOff;

    ListenerRetryPolicy(KafkaPlatformProperties.Retry retry) {
        KafkaPlatformProperties.Retry.TransientFailures transientFailures = retry.transientFailures();
        ExponentialBackOff forTransient = new ExponentialBackOff(transientFailures.initialInterval().toMillis(),
                transientFailures.multiplier());
        forTransient.setMaxInterval(transientFailures.maxInterval().toMillis());
        forTransient.setMaxElapsedTime(transientFailures.maxElapsedTime().toMillis());
        this.transientBackOff = forTransient;
        ExponentialBackOffWithMaxRetries forOther = new ExponentialBackOffWithMaxRetries(retry.attempts() - 1);
        forOther.setInitialInterval(retry.initialInterval().toMillis());
        forOther.setMultiplier(retry.multiplier());
        forOther.setMaxInterval(retry.maxInterval().toMillis());
        this.otherBackOff = forOther;
    }

    /**
     * The error handler's own back-off. Spring Kafka skips the back-off function altogether when this one
     * allows no retry, so it is the transient one: {@code attempts=1} must not turn off the retries of an
     * outage. (Batch listeners, which the platform has none of, would get it for every failure.)
     */
    BackOff defaultBackOff() {
        return transientBackOff;
    }

    /** For {@code DefaultErrorHandler.setBackOffFunction}. */
    BackOff backOffFor(Exception failure) {
        return switch (classify(failure)) {
            case TRANSIENT -> transientBackOff;
            case POISON -> NO_RETRY;
            case OTHER -> otherBackOff;
        };
    }

    static Kind classify(Throwable failure) {
        boolean poison = false;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (isTransient(cause)) {
                return Kind.TRANSIENT;
            }
            poison |= isInstanceOfAny(cause, POISON);
        }
        return poison ? Kind.POISON : Kind.OTHER;
    }

    private static boolean isTransient(Throwable cause) {
        if (isInstanceOfAny(cause, TRANSIENT)) {
            return true;
        }
        // pgjdbc throws plain SQLExceptions; the SQLState tells a lost or refused connection from bad data.
        return cause instanceof SQLException sql
            && (isTransientSqlState(sql.getSQLState()) || isHikariClosedConnection(sql));
    }

    /**
     * HikariCP's proxy of a connection it has already closed (the database ended it, e.g. while shutting down)
     * throws a plain SQLException without an SQLSTATE, so only its message tells it apart. It reaches callers when
     * a transaction's rollback fails on such a connection: Spring then throws the rollback's failure, not the
     * lost connection that caused it (a fault drill saw one 500 from it while PostgreSQL stopped).
     */
    private static boolean isHikariClosedConnection(SQLException sql) {
        return sql.getSQLState() == null && HIKARI_CLOSED_CONNECTION.equals(sql.getMessage());
    }

    private static boolean isInstanceOfAny(Throwable cause, List<Class<?>> types) {
        return types.stream().anyMatch(type -> type.isInstance(cause));
    }

    /**
     * SQLSTATEs (PostgreSQL appendix A, standard where it exists): class 08 connection exception (refused,
     * broken); 57P01, 57P02, 57P03 the server shutting down, crashed or starting up; 57P05 an idle session
     * closed; 53300 too many connections; 40001 and 40P01 serialization failure and deadlock.
     */
    static boolean isTransientSqlState(String state) {
        return state != null && (state.startsWith("08") || TRANSIENT_SQL_STATES.contains(state));
    }
}
