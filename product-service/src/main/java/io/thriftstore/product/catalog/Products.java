package io.thriftstore.product.catalog;

import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.outbox.MongoOutbox;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import static org.springframework.data.domain.Sort.Direction.ASC;
import static org.springframework.data.domain.Sort.Direction.DESC;
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

    /** Earlier list indexes, without the {@code _id} tie-break: dropped at start, as a name cannot take other keys. */
    private static final List<String> OBSOLETE_INDEXES =
        List.of("status_created", "status_price", "seller_status_created", "category_status_created", "category_status_price");

    private final MongoTemplate mongo;
    private final MongoOutbox outbox;
    private final CatalogCache cache;

    Products(MongoTemplate mongo, MongoOutbox outbox, CatalogCache cache) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.cache = cache;
    }

    /**
     * One index per filter combination the list serves, each ending in the whole sort it is used with (including the
     * {@code _id} tie-break, so a real MongoDB walks the index in order and stops after the page instead of sorting
     * every match in memory); {@code q} (a case-insensitive regex over name and description) is a scan of what the
     * other filters left. Checked with {@code explain()} against a real MongoDB in ProductIndexesIT. The local
     * stand-in ignores secondary indexes for these queries; {@link CatalogCache} is what spares it.
     */
    @Override
    public void afterPropertiesSet() {
        IndexOperations indexes = mongo.indexOps(COLLECTION);
        Set<String> existing = new HashSet<>();
        indexes.getIndexInfo().forEach(index -> existing.add(index.getName()));
        for (String obsolete : OBSOLETE_INDEXES) {
            if (existing.contains(obsolete)) {
                try {
                    indexes.dropIndex(obsolete);
                } catch (DataAccessException e) {
                    // Another instance starting at the same time dropped it first: that is all that was wanted.
                    if (indexes.getIndexInfo().stream().anyMatch(index -> index.getName().equals(obsolete))) {
                        throw e;
                    }
                }
            }
        }
        indexes.createIndex(new Index().on("status", ASC).on("createdAt", DESC).on("_id", DESC)
            .named("status_newest"));
        indexes.createIndex(new Index().on("status", ASC).on("price", ASC).on("createdAt", DESC).on("_id", DESC)
            .named("status_price_asc"));
        indexes.createIndex(new Index().on("status", ASC).on("price", DESC).on("createdAt", DESC).on("_id", DESC)
            .named("status_price_desc"));
        indexes.createIndex(new Index().on("sellerId", ASC).on("status", ASC).on("createdAt", DESC).on("_id", DESC)
            .named("seller_status_newest"));
        indexes.createIndex(new Index().on("category", ASC).on("status", ASC).on("createdAt", DESC).on("_id", DESC)
            .named("category_status_newest"));
        // A category sorted by price: its items in price order; the rarer descending order reads it and sorts.
        indexes.createIndex(new Index().on("category", ASC).on("status", ASC).on("price", ASC).on("createdAt", DESC)
            .on("_id", DESC).named("category_status_price_asc"));
        // The image sweep: which products list an image, and which archived ones are old enough to drop theirs.
        indexes.createIndex(new Index().on("imageUrls", ASC).named("image_urls"));
        indexes.createIndex(new Index().on("status", ASC).on("updatedAt", ASC).named("status_updated"));
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
        Product stored = mongo.insert(product.withPendingEvents(List.of(outbox.pendingEvent(created)), product.createdAt()));
        // After the write: a read from now on sees it (CatalogCache), whichever instance's event arrives when.
        cache.productsChanged();
        outbox.stored(COLLECTION, stored.id());
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
            outbox.push(update, after.updatedAt(), events);
        }
        Query unchanged = Query.query(where("_id").is(before.id()).and("version").is(before.version()));
        boolean replaced = mongo.updateFirst(unchanged, update, Product.class).getMatchedCount() == 1;
        if (replaced) {
            cache.productsChanged();
        }
        if (replaced && events.length > 0) {
            outbox.stored(COLLECTION, before.id());
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

    /**
     * One page of a list; {@code total} (how many products the filter matches) is asked for only when the page
     * cannot tell: not on a first page that is not full, nor on the last one.
     */
    Page<Product> search(ProductQuery search, LongSupplier total) {
        PageRequest page = PageRequest.of(search.page(), search.size(), search.sort().sort());
        return PageableExecutionUtils.getPage(mongo.find(listQuery(search), Product.class), page, total);
    }

    /** Like {@link #search}, reading only what a card shows ({@link ProductCard#FIELDS}): the rest stays null. */
    Page<Product> searchCards(ProductQuery search, LongSupplier total) {
        PageRequest page = PageRequest.of(search.page(), search.size(), search.sort().sort());
        Query query = Query.query(criteria(search.filter())).with(page);
        ProductCard.FIELDS.forEach(query.fields()::include);
        // Product's primitive components cannot be left null when it is mapped: two small numbers more.
        query.fields().include("quantity").include("version");
        return PageableExecutionUtils.getPage(mongo.find(query, Product.class), page, total);
    }

    long count(ProductFilter filter) {
        return mongo.count(Query.query(criteria(filter)), Product.class);
    }

    /** The query of one page of a list (package-private for ProductIndexesIT, which explains it). */
    static Query listQuery(ProductQuery search) {
        Query query = Query.query(criteria(search.filter()))
            .with(PageRequest.of(search.page(), search.size(), search.sort().sort()));
        withoutInternals(query);
        return query;
    }

    private static Criteria criteria(ProductFilter search) {
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
        return new Criteria().andOperator(filters);
    }

    /** Lists do not need what is only there for stock bookkeeping and the relay. */
    private static void withoutInternals(Query query) {
        query.fields().exclude(STOCK_HOLDS, MongoOutbox.FIELD, MongoOutbox.SINCE);
    }
}
