package io.thriftstore.testing.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestContextManager;

import io.thriftstore.testing.RealInfrastructure;
import io.thriftstore.testing.TestInfrastructure;

/**
 * Two test classes whose configurations differ get two Spring contexts; on the shared servers, neither
 * sees the other's rows, documents or topics.
 */
class ContextIsolationIT {

    @Test
    void twoContextsGetTheirOwnDatabasesAndTopicPrefix() {
        ApplicationContext first = contextOf(FirstTestClass.class);
        ApplicationContext second = contextOf(SecondTestClass.class);
        TestInfrastructure one = first.getBean(TestInfrastructure.class);
        TestInfrastructure two = second.getBean(TestInfrastructure.class);

        assertThat(one.id()).isNotEqualTo(two.id());
        assertThat(one.topicPrefix()).isNotEqualTo(two.topicPrefix());
        assertThat(one.topic("order-events")).isNotEqualTo(two.topic("order-events"));
        assertThat(one.jdbcUrl()).isNotEqualTo(two.jdbcUrl());
        assertThat(one.mongoConnectionString()).isNotEqualTo(two.mongoConnectionString());
        assertThat(first.getEnvironment().getProperty("thriftstore.kafka.topic-prefix")).isEqualTo(one.topicPrefix());
        assertThat(second.getEnvironment().getProperty("thriftstore.kafka.topic-prefix")).isEqualTo(two.topicPrefix());
        assertThat(one.kafkaBootstrapServers()).as("one broker for the JVM").isEqualTo(two.kafkaBootstrapServers());

        JdbcTemplate firstJdbc = first.getBean(JdbcTemplate.class);
        JdbcTemplate secondJdbc = second.getBean(JdbcTemplate.class);
        firstJdbc.execute("create table only_in_first (id int)");
        assertThat(secondJdbc.queryForObject(
                "select count(*) from information_schema.tables where table_name = 'only_in_first'", Integer.class))
                .isZero();

        first.getBean(MongoTemplate.class).insert(new Document("_id", "w-1"), "wishlists");
        assertThat(second.getBean(MongoTemplate.class).findAll(Document.class, "wishlists")).isEmpty();
        assertThat(first.getBean(MongoTemplate.class).findAll(Document.class, "wishlists")).hasSize(1);
    }

    private static ApplicationContext contextOf(Class<?> testClass) {
        return new TestContextManager(testClass).getTestContext().getApplicationContext();
    }

    @SpringBootTest(classes = SampleApplication.class, properties = "isolation.context=first")
    @RealInfrastructure
    static class FirstTestClass {
    }

    @SpringBootTest(classes = SampleApplication.class, properties = "isolation.context=second")
    @RealInfrastructure
    static class SecondTestClass {
    }
}
