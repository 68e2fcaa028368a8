package io.thriftstore.product.image;

import com.mongodb.client.gridfs.model.GridFSFile;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.gridfs.GridFsResource;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Product images in GridFS (the default {@code fs} bucket of the {@code products} database). An image is
 * never changed after it is stored, which is what lets clients cache it for good.
 */
@Component
class ImageStore {

    private final GridFsTemplate gridFs;

    ImageStore(GridFsTemplate gridFs) {
        this.gridFs = gridFs;
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

    void delete(ObjectId imageId) {
        gridFs.delete(query(where("_id").is(imageId)));
    }
}
