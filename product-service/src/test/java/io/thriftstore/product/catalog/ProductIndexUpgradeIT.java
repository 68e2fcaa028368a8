package io.thriftstore.product.catalog;

import io.thriftstore.product.ProductServiceIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database indexed by an earlier version (list indexes of the same names without the {@code _id} tie-break) gets
 * the current ones at the next start instead of failing on a name taken with other keys.
 */
@ProductServiceIT
class ProductIndexUpgradeIT {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Products products;

    @Test
    void anEarlierVersionsListIndexesAreReplacedAtStart() {
        mongo.indexOps(Products.COLLECTION).createIndex(new Index().on("status", Sort.Direction.ASC)
            .on("createdAt", Sort.Direction.DESC).named("status_created"));

        products.afterPropertiesSet();
        products.afterPropertiesSet(); // a second start (or instance) changes nothing

        List<String> names = mongo.indexOps(Products.COLLECTION).getIndexInfo().stream().map(IndexInfo::getName).toList();
        assertThat(names).doesNotContain("status_created")
            .contains("status_newest", "status_price_asc", "status_price_desc", "seller_status_newest",
                "category_status_newest", "category_status_price_asc");
    }
}
