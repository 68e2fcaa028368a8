package io.thriftstore.platform.outbox;

import io.thriftstore.testing.TopicRecords;
import static io.thriftstore.platform.outbox.OutboxTestApplication.wish;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.transaction.support.TransactionTemplate;

import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.WishlistEvent;

/**
 * The JPA services run their transactions with {@link JpaTransactionManager}: the outbox's JDBC
 * statements must join them, committing and rolling back with what the entity manager wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JpaTransactionIT extends OutboxIntegrationTest {

    @Autowired
    DataSource dataSource;

    LocalContainerEntityManagerFactoryBean factoryBean;
    EntityManagerFactory entityManagerFactory;
    TransactionTemplate jpaTransactions;

    @BeforeAll
    void startJpa() {
        factoryBean = new LocalContainerEntityManagerFactoryBean();
        factoryBean.setDataSource(dataSource);
        factoryBean.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        factoryBean.setPackagesToScan(); // no entities: native statements are enough to share the transaction
        factoryBean.setPersistenceUnitName("outbox-jpa-test");
        factoryBean.afterPropertiesSet();
        entityManagerFactory = factoryBean.getObject();
        jpaTransactions = new TransactionTemplate(new JpaTransactionManager(entityManagerFactory));
    }

    @AfterAll
    void stopJpa() {
        factoryBean.destroy();
    }

    @Test
    void anEventAppendedInARolledBackJpaTransactionDisappearsWithTheEntityManagersWork() {
        String owner = uniqueOwner("jpa");

        jpaTransactions.executeWithoutResult(status -> {
            insertThingThroughTheEntityManager(owner, "lamp");
            outbox.append(EventType.WISHLIST_ITEM_ADDED, wish(owner, "lamp"));
            status.setRollbackOnly();
        });
        EventEnvelope<WishlistEvent> committed = jpaTransactions.execute(status -> {
            insertThingThroughTheEntityManager(owner, "chair");
            return outbox.append(EventType.WISHLIST_ITEM_ADDED, wish(owner, "chair"));
        });

        assertThat(awaitEvents(Set.of(owner), 1)).extracting(TopicRecords::eventId)
                .containsExactly(committed.id());
        assertThat(jdbc.queryForList("SELECT name FROM thing WHERE owner = ?", String.class, owner))
                .containsExactly("chair");
    }

    void insertThingThroughTheEntityManager(String owner, String name) {
        EntityManager entityManager = EntityManagerFactoryUtils.getTransactionalEntityManager(entityManagerFactory);
        entityManager.createNativeQuery("INSERT INTO thing (owner, name) VALUES (?1, ?2)")
                .setParameter(1, owner)
                .setParameter(2, name)
                .executeUpdate();
    }
}
