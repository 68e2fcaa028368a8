package io.thriftstore.platform.ratelimit.postgres;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The service's pool, with each of the limiter's transactions committed without waiting for the WAL flush
 * ({@code SET LOCAL synchronous_commit TO OFF}, reverted by PostgreSQL at the transaction's end). A bucket lost
 * to a crash in the last fraction of a second only forgets a few writes' worth of counting, while waiting for
 * the flush would add a second fsync to every write (the disk's fsyncs per second bound this machine's order
 * rate, docs/PERFORMANCE.md). Hand-written because Bucket4j's proxy manager runs its own transactions and has
 * no hook for session settings.
 */
final class AsynchronousCommits extends DelegatingDataSource {

    AsynchronousCommits(DataSource pool) {
        super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
            (proxy, method, arguments) -> {
                try {
                    Object result = method.invoke(connection, arguments);
                    // Bucket4j opens each transaction with setAutoCommit(false): the setting joins that transaction.
                    if (method.getName().equals("setAutoCommit") && Boolean.FALSE.equals(arguments[0])) {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("SET LOCAL synchronous_commit TO OFF");
                        }
                    }
                    return result;
                }
                catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }
}
