package io.thriftstore.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import jakarta.validation.ConstraintViolationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.web.client.ResourceAccessException;

import io.thriftstore.platform.events.EventCodec;
import io.thriftstore.platform.kafka.ListenerRetryPolicy.Kind;

/** The classification alone, on the exception chains the real drivers and Spring produce. */
class ListenerRetryPolicyTests {

    /** The defaults of {@link KafkaPlatformProperties.Retry}. */
    private final ListenerRetryPolicy policy = new ListenerRetryPolicy(new KafkaPlatformProperties.Retry(
            3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), new KafkaPlatformProperties.Retry.TransientFailures(
            Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), Duration.ofMinutes(5))));

    @Test
    void aRefusedOrLostDatabaseConnectionIsTransient() {
        PSQLException refused = new PSQLException("Connection to localhost:26432 refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new ConnectException("Connection refused"));
        assertThat(ListenerRetryPolicy.classify(listenerFailure(
                new CannotCreateTransactionException("Could not open JPA EntityManager", refused)))).isEqualTo(Kind.TRANSIENT);
        assertThat(ListenerRetryPolicy.classify(listenerFailure(new CannotCreateTransactionException("Could not open JPA EntityManager",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))))).isEqualTo(Kind.TRANSIENT);
        // PostgreSQL shutting down under an open connection, and starting up again: plain PSQLExceptions.
        assertThat(ListenerRetryPolicy.classify(new RuntimeException("could not execute statement", new PSQLException(
                new ServerErrorMessage("SFATAL\0C57P01\0Mterminating connection due to administrator command\0")))))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(ListenerRetryPolicy.classify(new TransactionSystemException("Could not commit JPA transaction",
                new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE))))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(ListenerRetryPolicy.classify(new PSQLException(
                new ServerErrorMessage("SFATAL\0C57P03\0Mthe database system is starting up\0")))).isEqualTo(Kind.TRANSIENT);
        // A rollback on a connection PostgreSQL ended: HikariCP's closed proxy answers without an SQLSTATE.
        // (Spring's JpaSystemException around Hibernate's TransactionException around it.)
        assertThat(ListenerRetryPolicy.classify(new RuntimeException("Unable to rollback against JDBC Connection",
                new RuntimeException("Unable to rollback against JDBC Connection", new SQLException("Connection is closed")))))
                .isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void aPlainSqlExceptionWithoutAStateIsNotAnOutage() {
        assertThat(ListenerRetryPolicy.classify(new SQLException("value too long for type character varying(20)")))
                .isEqualTo(Kind.OTHER);
    }

    @Test
    void anUnreachableMongoDbIsTransientTranslatedOrNot() {
        MongoSocketOpenException refused = new MongoSocketOpenException("Exception opening socket",
                new ServerAddress(new InetSocketAddress("localhost", 48017)), new ConnectException("Connection refused"));
        assertThat(ListenerRetryPolicy.classify(listenerFailure(refused))).isEqualTo(Kind.TRANSIENT);
        assertThat(ListenerRetryPolicy.classify(listenerFailure(new DataAccessResourceFailureException("Timed out",
                new MongoTimeoutException("Timed out while waiting for a server that matches ReadPreferenceServerSelector"))))).isEqualTo(Kind.TRANSIENT);
        assertThat(ListenerRetryPolicy.classify(new MongoTimeoutException("Timed out"))).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void anUnreachableServiceOrBrokerIsTransient() {
        assertThat(ListenerRetryPolicy.classify(listenerFailure(new ResourceAccessException("I/O error on GET",
                new ConnectException("Connection refused"))))).isEqualTo(Kind.TRANSIENT);
        assertThat(ListenerRetryPolicy.classify(listenerFailure(new TimeoutException("Topic not present in metadata"))))
                .isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void badRecordsArePoison() {
        assertThat(ListenerRetryPolicy.classify(listenerFailure(new EventCodec.UndecodableEventException("no type", null))))
                .isEqualTo(Kind.POISON);
        assertThat(ListenerRetryPolicy.classify(listenerFailure(new ConstraintViolationException("quantity: must be positive", null))))
                .isEqualTo(Kind.POISON);
        assertThat(ListenerRetryPolicy.classify(listenerFailure(new IllegalArgumentException("unknown product"))))
                .isEqualTo(Kind.POISON);
    }

    @Test
    void aStoreOutageWinsOverAPoisonLookingWrapper() {
        assertThat(ListenerRetryPolicy.classify(new IllegalArgumentException("lookup failed",
                new DataAccessResourceFailureException("store down")))).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void anythingElseGetsTheBoundedRetries() {
        assertThat(ListenerRetryPolicy.classify(listenerFailure(new IllegalStateException("bug")))).isEqualTo(Kind.OTHER);
        // A unique key lost to another instance clears on retry; a real conflict reaches the DLT after the attempts.
        assertThat(ListenerRetryPolicy.classify(listenerFailure(new DataIntegrityViolationException("duplicate key"))))
                .isEqualTo(Kind.OTHER);
        BackOffExecution execution = policy.backOffFor(new IllegalStateException("bug")).start();
        assertThat(List.of(execution.nextBackOff(), execution.nextBackOff(), execution.nextBackOff()))
                .as("3 deliveries: 2 retries, 1 s then 2 s").containsExactly(1000L, 2000L, BackOffExecution.STOP);
    }

    @Test
    void transientFailuresBackOffForMinutesGrowingToTheMaxInterval() {
        BackOffExecution execution = policy.backOffFor(new DataAccessResourceFailureException("down")).start();
        long total = 0;
        int retries = 0;
        long last = 0;
        for (long next = execution.nextBackOff(); next != BackOffExecution.STOP; next = execution.nextBackOff()) {
            assertThat(next).isGreaterThanOrEqualTo(last).isLessThanOrEqualTo(30_000);
            last = next;
            total += next;
            retries++;
        }
        assertThat(retries).isEqualTo(14);
        assertThat(Duration.ofMillis(total)).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(6));
        assertThat(policy.backOffFor(new IllegalArgumentException("bad")).start().nextBackOff())
                .as("poison: no retry").isEqualTo(BackOffExecution.STOP);
    }

    private static Exception listenerFailure(Throwable cause) {
        return new ListenerExecutionFailedException("Listener method threw exception", cause);
    }
}
