package io.thriftstore.platform.outbox;

import javax.sql.DataSource;

import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Propagation MANDATORY, checked against the service's database rather than through
 * {@code @Transactional(propagation = MANDATORY)}: that annotation asks the context's one
 * transaction manager, which is the wrong one where a service has a Kafka transaction manager
 * (Boot then creates no JDBC one), and which does not see a transaction that another manager
 * began on the same connection (a JPA transaction seen by a JDBC manager). What matters is that
 * a transaction is active and holds a connection of this data source: that is the connection
 * {@code JdbcTemplate} then uses, so the outbox rows commit or roll back with the caller's work,
 * whether {@code JpaTransactionManager} or {@code DataSourceTransactionManager} began it.
 */
final class CallerTransaction {

    private CallerTransaction() {
    }

    /** @throws IllegalTransactionStateException unless a transaction on {@code dataSource} is active */
    static void require(DataSource dataSource, String operation) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.hasResource(dataSource)) {
            throw new IllegalTransactionStateException(operation
                    + " must run inside the caller's database transaction (propagation MANDATORY), so that it"
                    + " commits or rolls back with the caller's change; none is active on this data source");
        }
    }
}
