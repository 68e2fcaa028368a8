package io.thriftstore.testing.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import io.thriftstore.testing.RealInfrastructure;
import io.thriftstore.testing.TestInfrastructure;

@SpringBootTest
@RealInfrastructure
class MongoIT {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    TestInfrastructure infrastructure;

    @Autowired
    HealthEndpoint health;

    @Test
    void aSavedDocumentIsFoundInTheContextsOwnDatabase() {
        mongo.insert(new Document("_id", "p-1").append("name", "Enamel kettle").append("price", 12.5), "products");

        Document found = mongo.findOne(Query.query(Criteria.where("name").is("Enamel kettle")), Document.class, "products");

        assertThat(found).isNotNull();
        assertThat(found.getString("_id")).isEqualTo("p-1");
        assertThat(mongo.getDb().getName()).isEqualTo(infrastructure.mongoDatabase());
    }

    @Test
    void actuatorHealthIsUpIncludingMongo() {
        assertThat(health.healthForPath("mongo").getStatus()).isEqualTo(Status.UP);
        assertThat(health.healthForPath("db").getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }
}
