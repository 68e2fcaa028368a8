package io.thriftstore.product.catalog;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.QueryMapper;
import org.springframework.data.mongodb.core.query.Query;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list queries use the indexes {@link Products} declares, on a real MongoDB ({@code mongo:8}, as in
 * docker-compose): {@code explain()} of each shows an index scan and no collection scan. The local stand-in uses
 * no secondary index for them, so this can only be checked where a Docker engine answers; elsewhere (as on the
 * development machines, which have none) JUnit reports it as disabled.
 */
@EnabledIf("dockerAnswers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductIndexesIT {

    static final String SELLER = "user_seller";

    MongoDBContainer container;
    MongoClient client;
    MongoTemplate mongo;

    static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @BeforeAll
    void startMongo() {
        container = new MongoDBContainer("mongo:8");
        container.start();
        client = MongoClients.create(container.getConnectionString());
        mongo = new MongoTemplate(client, "products");
        CatalogCache cache = new CatalogCache(new CatalogCacheProperties(Duration.ofSeconds(2), 100), Optional.empty());
        // Only its indexes are wanted here: no outbox.
        Products products = new Products(mongo, null, cache);
        products.afterPropertiesSet();
        // Enough products, in every category, status and price, that a collection scan is never the cheap plan.
        List<Product> some = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 500; i++) {
            ProductStatus status = ProductStatus.values()[i % ProductStatus.values().length];
            some.add(new Product(new ObjectId(), i % 10 == 0 ? SELLER : "user_" + (i % 37), "Seller", "Item " + i,
                "Described " + i, BigDecimal.valueOf(i % 200, 0).add(BigDecimal.ONE), "USD",
                Category.values()[i % Category.values().length], Condition.GOOD, i % 3, status, List.of(),
                now.minusSeconds(i), now, 0, List.of(), List.of(), null));
        }
        mongo.insertAll(some);
    }

    @AfterAll
    void stopMongo() {
        if (client != null) {
            client.close();
        }
        if (container != null) {
            container.stop();
        }
    }

    static Stream<Arguments> listQueries() {
        Set<ProductStatus> open = Catalog.PUBLIC_STATUSES;
        return Stream.of(
            Arguments.of("front page", query(null, null, null, null, open, ProductSort.NEWEST)),
            Arguments.of("cheapest first", query(null, null, null, null, open, ProductSort.PRICE_ASC)),
            Arguments.of("dearest first", query(null, null, null, null, open, ProductSort.PRICE_DESC)),
            Arguments.of("a category", query(null, Category.values()[0], null, null, open, ProductSort.NEWEST)),
            Arguments.of("a category by price", query(null, Category.values()[0], null, null, open, ProductSort.PRICE_ASC)),
            Arguments.of("a seller's items", query(null, null, SELLER, null, open, ProductSort.NEWEST)),
            Arguments.of("a seller's archive", query(null, null, SELLER, null, Set.of(ProductStatus.ARCHIVED), ProductSort.NEWEST)),
            Arguments.of("a price range", query(null, null, null, BigDecimal.TEN, open, ProductSort.PRICE_ASC)),
            Arguments.of("a text search", query("item 1", null, null, null, open, ProductSort.NEWEST)));
    }

    private static ProductQuery query(String text, Category category, String sellerId, BigDecimal maxPrice,
                                      Set<ProductStatus> statuses, ProductSort sort) {
        return new ProductQuery(text, category, sellerId, null, maxPrice, statuses, sort, 1, 20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listQueries")
    void everyListQueryScansAnIndexNotTheCollection(String name, ProductQuery search) {
        Query query = Products.listQuery(search);
        QueryMapper mapper = new QueryMapper(mongo.getConverter());
        var entity = mongo.getConverter().getMappingContext().getPersistentEntity(Product.class);
        Document plan = client.getDatabase("products").getCollection(Products.COLLECTION)
            .find(mapper.getMappedObject(query.getQueryObject(), entity))
            .sort(mapper.getMappedSort(query.getSortObject(), entity))
            .projection(query.getFieldsObject())
            .skip((int) query.getSkip()).limit(query.getLimit())
            .explain();

        List<String> stages = new ArrayList<>();
        collectStages(plan.get("queryPlanner", Document.class).get("winningPlan"), stages);
        assertThat(stages).as("%s: %s", name, plan.toJson()).contains("IXSCAN").doesNotContain("COLLSCAN");
    }

    /** Every {@code stage} in the plan tree, whatever its shape (classic or slot-based engine). */
    private static void collectStages(Object node, List<String> stages) {
        if (node instanceof Document document) {
            if (document.get("stage") instanceof String stage) {
                stages.add(stage);
            }
            document.values().forEach(value -> collectStages(value, stages));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collectStages(value, stages));
        }
    }
}
