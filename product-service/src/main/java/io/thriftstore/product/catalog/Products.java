package io.thriftstore.product.catalog;

import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.product.outbox.PendingEvent;
import io.thriftstore.product.outbox.PendingEvents;
import io.thriftstore.product.outbox.RelayTrigger;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The {@code products} collection. Single-document atomicity is all it relies on: a change and the
 * event announcing it are written by one update of one document ({@link #replace}), so nothing here
 * needs a MongoDB transaction.
 */
@Component
class Products implements InitializingBean {

    static final String COLLECTION = "products";
    static final String STOCK_HOLDS = "stockHolds";

    private final MongoTemplate mongo;
    private final RelayTrigger relay;

    Products(MongoTemplate mongo, RelayTrigger relay) {
        this.mongo = mongo;
        this.relay = relay;
    }

    /**
     * One index per filter combination the list serves, each ending in the sort it is used with; {@code q}
     * (a case-insensitive regex over name and description) is a scan of what the other filters left.
     */
    @Override
    public void afterPropertiesSet() {
        IndexOperations indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index().on("status", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC)
            .named("status_created"));
        indexes.createIndex(new Index().on("status", Sort.Direction.ASC).on("price", Sort.Direction.ASC)
            .named("status_price"));
        indexes.createIndex(new Index().on("sellerId", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
            .on("createdAt", Sort.Direction.DESC).named("seller_status_created"));
        indexes.createIndex(new Index().on("category", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
            .on("createdAt", Sort.Direction.DESC).named("category_status_created"));
        indexes.createIndex(new Index().on("category", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
            .on("price", Sort.Direction.ASC).named("category_status_price"));
        // The image sweep: which products list an image, and which archived ones are old enough to drop theirs.
        indexes.createIndex(new Index().on("imageUrls", Sort.Direction.ASC).named("image_urls"));
        indexes.createIndex(new Index().on("status", Sort.Direction.ASC).on("updatedAt", Sort.Direction.ASC)
            .named("status_updated"));
    }

    /** Malformed ids find nothing: to a client they are just unknown products. */
    Optional<Product> find(String id) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findById(new ObjectId(id), Product.class));
    }

    List<Product> findAll(Collection<ObjectId> ids) {
        Query query = Query.query(where("_id").in(ids));
        withoutInternals(query);
        return mongo.find(query, Product.class);
    }

    /** Stores a new product together with the event announcing it. */
    void insert(Product product, EventEnvelope<?> created) {
        Product stored = mongo.insert(product.withPendingEvents(List.of(PendingEvent.of(created)), product.createdAt()));
        relay.eventsStored(COLLECTION, stored.id());
    }

    /**
     * Writes {@code after} over {@code before} if the stored document is still at {@code before}'s version,
     * together with {@code events} (pending until relayed) and whatever else {@code extra} does.
     *
     * @return {@code false} when someone changed the product since it was read: nothing was written
     */
    boolean replace(Product before, Product after, Update extra, EventEnvelope<?>... events) {
        Update update = extra
            .set("name", after.name())
            .set("description", after.description())
            .set("price", new Decimal128(after.price()))
            .set("category", after.category())
            .set("condition", after.condition())
            .set("quantity", after.quantity())
            .set("status", after.status())
            .set("imageUrls", after.imageUrls())
            .set("updatedAt", after.updatedAt())
            .set("version", after.version());
        if (events.length > 0) {
            PendingEvents.push(update, after.updatedAt(), events);
        }
        Query unchanged = Query.query(where("_id").is(before.id()).and("version").is(before.version()));
        boolean replaced = mongo.updateFirst(unchanged, update, Product.class).getMatchedCount() == 1;
        if (replaced && events.length > 0) {
            relay.eventsStored(COLLECTION, before.id());
        }
        return replaced;
    }

    /** Up to {@code limit} archived products, unchanged since before {@code cutoff}, that still list images. */
    List<Product> archivedWithImagesBefore(Instant cutoff, int limit) {
        Query query = Query.query(where("status").is(ProductStatus.ARCHIVED).and("updatedAt").lt(cutoff)
            .and("imageUrls.0").exists(true)).limit(limit);
        return mongo.find(query, Product.class);
    }

    /** Those of {@code imageUrls} that some product lists. */
    Set<String> listedImages(Collection<String> imageUrls) {
        if (imageUrls.isEmpty()) {
            return Set.of();
        }
        Query query = Query.query(where("imageUrls").in(imageUrls));
        query.fields().include("imageUrls");
        Set<String> listed = new HashSet<>();
        for (Document product : mongo.find(query, Document.class, COLLECTION)) {
            listed.addAll(product.getList("imageUrls", String.class));
        }
        listed.retainAll(Set.copyOf(imageUrls));
        return listed;
    }

    /** Removes an order from the product's stock holds without changing the stock (or anything a client sees). */
    void forgetHold(ObjectId id, String orderId) {
        mongo.updateFirst(Query.query(where("_id").is(id)), new Update().pull(STOCK_HOLDS, orderId), COLLECTION);
    }

    Page<Product> search(ProductQuery search) {
        List<Criteria> filters = new ArrayList<>();
        filters.add(where("status").in(search.statuses()));
        if (search.category() != null) {
            filters.add(where("category").is(search.category()));
        }
        if (search.sellerId() != null) {
            filters.add(where("sellerId").is(search.sellerId()));
        }
        if (search.minPrice() != null || search.maxPrice() != null) {
            Criteria price = where("price");
            if (search.minPrice() != null) {
                price = price.gte(new Decimal128(search.minPrice()));
            }
            if (search.maxPrice() != null) {
                price = price.lte(new Decimal128(search.maxPrice()));
            }
            filters.add(price);
        }
        if (search.text() != null) {
            // Quoted: the user's text is matched literally, regex metacharacters included.
            String literal = Pattern.quote(search.text());
            filters.add(new Criteria().orOperator(where("name").regex(literal, "i"),
                where("description").regex(literal, "i")));
        }
        Criteria criteria = new Criteria().andOperator(filters);
        PageRequest page = PageRequest.of(search.page(), search.size(), search.sort().sort());
        Query query = Query.query(criteria).with(page);
        withoutInternals(query);
        List<Product> content = mongo.find(query, Product.class);
        long total = mongo.count(Query.query(criteria), Product.class);
        return new PageImpl<>(content, page, total);
    }

    /** Lists do not need what is only there for stock bookkeeping and the relay. */
    private static void withoutInternals(Query query) {
        query.fields().exclude(STOCK_HOLDS, PendingEvents.FIELD, PendingEvents.SINCE);
    }
}
