package io.thriftstore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.Document;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A service that stores only in MongoDB must not wait for PostgreSQL or Kafka to start. Ordered first in
 * this module (junit-platform.properties): the servers are shared per JVM, so any earlier test class
 * would have started them already.
 */
@Order(1)
@SpringBootTest(classes = MongoOnlyContextIT.MongoOnlyService.class)
@RealInfrastructure(postgres = false, kafka = false)
class MongoOnlyContextIT {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Environment environment;

    @Autowired
    TestInfrastructure infrastructure;

    @Test
    void aMongoOnlyContextStartsNeitherPostgresqlNorKafka() {
        mongo.insert(new Document("_id", "c-1").append("text", "Is the lamp still available?"), "messages");
        assertThat(mongo.findAll(Document.class, "messages")).hasSize(1);

        assertThat(Infrastructure.postgresStarted()).isFalse();
        assertThat(Infrastructure.kafkaStarted()).isFalse();
        assertThat(environment.getProperty("spring.datasource.url")).isNull();
        assertThatThrownBy(infrastructure::jdbcUrl)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no PostgreSQL");
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({MongoAutoConfiguration.class, DataMongoAutoConfiguration.class})
    static class MongoOnlyService {
    }
}
