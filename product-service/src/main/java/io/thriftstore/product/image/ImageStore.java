package io.thriftstore.product.image;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.gridfs.model.GridFSFile;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsResource;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Product images in GridFS (the default {@code fs} bucket of the {@code products} database). An image is
 * never changed after it is stored; it is deleted when its product stops listing it ({@link ImageCleanup}).
 * Each file's metadata names the product it was uploaded to and the seller who uploaded it.
 */
@Component
class ImageStore implements InitializingBean {

    static final String FILES = "fs.files";
    static final String PRODUCT_ID = "metadata.productId";
    static final String OWNER_ID = "metadata.ownerId";

    private final GridFsTemplate gridFs;
    private final MongoTemplate mongo;

    ImageStore(GridFsTemplate gridFs, MongoTemplate mongo) {
        this.gridFs = gridFs;
        this.mongo = mongo;
    }

    /** A seller's storage is summed at every upload. */
    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(FILES).createIndex(new Index().on(OWNER_ID, Sort.Direction.ASC).named("owner"));
    }

    ObjectId store(MultipartFile file, ImageType type, String productId, String ownerId) throws IOException {
        Document metadata = new Document("productId", productId).append("ownerId", ownerId);
        try (InputStream content = file.getInputStream()) {
            return gridFs.store(content, productId + "." + type.name().toLowerCase(), type.mediaType(), metadata);
        }
    }

    Optional<GridFsResource> find(String imageId) {
        if (!ObjectId.isValid(imageId)) {
            return Optional.empty();
        }
        GridFSFile file = gridFs.findOne(query(where("_id").is(new ObjectId(imageId))));
        return Optional.ofNullable(file).map(gridFs::getResource);
    }

    /** The bytes of every image {@code ownerId} has stored. */
    long bytesStoredBy(String ownerId) {
        Document total = mongo.aggregate(newAggregation(match(where(OWNER_ID).is(ownerId)), group().sum("length").as("bytes")),
            FILES, Document.class).getUniqueMappedResult();
        return total == null ? 0 : ((Number) total.get("bytes")).longValue();
    }

    /** Up to {@code limit} images stored before {@code cutoff}, in id order after {@code after} (null: from the start). */
    List<ObjectId> storedBefore(Instant cutoff, ObjectId after, int limit) {
        Query older = query(where("uploadDate").lt(Date.from(cutoff)));
        if (after != null) {
            older.addCriteria(where("_id").gt(after));
        }
        older.with(Sort.by("_id")).limit(limit);
        List<ObjectId> ids = new ArrayList<>();
        gridFs.find(older).forEach(file -> ids.add(file.getObjectId()));
        return ids;
    }

    /**
     * Deletes those of {@code imageIds} that were uploaded to {@code productId}: a product may once have listed
     * another product's image (before only its own were accepted), and that one is not its to delete.
     */
    void deleteOf(String productId, Collection<ObjectId> imageIds) {
        delete(query(where("_id").in(imageIds).and(PRODUCT_ID).is(productId)));
    }

    void delete(ObjectId imageId) {
        delete(query(where("_id").is(imageId)));
    }

    void delete(Collection<ObjectId> imageIds) {
        delete(query(where("_id").in(imageIds)));
    }

    /**
     * Deleting what is already gone does nothing, so two instances (or a sweep and a removal) may delete the same
     * image: GridFS itself throws when the file went between finding and deleting it.
     */
    private void delete(Query files) {
        for (GridFSFile file : gridFs.find(files).into(new ArrayList<>())) {
            try {
                gridFs.delete(query(where("_id").is(file.getObjectId())));
            }
            catch (MongoGridFSException alreadyGone) {
                // Deleted by someone else meanwhile: what we wanted.
            }
        }
    }
}
