package io.thriftstore.product.image;

import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.web.ConflictException;
import io.thriftstore.product.catalog.Catalog;
import io.thriftstore.product.catalog.ProductResponse;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.gridfs.GridFsResource;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Uploading and serving product images: who may add one to which product (the catalog says), how much a seller may
 * store, and that a refused upload leaves no file behind. {@link ImageController} maps HTTP onto it.
 */
@Service
class ImageService {

    private final Catalog catalog;
    private final ImageStore images;
    private final long storagePerSeller;

    ImageService(Catalog catalog, ImageStore images, ImageProperties properties) {
        this.catalog = catalog;
        this.images = images;
        this.storagePerSeller = properties.storagePerSeller().toBytes();
    }

    /** The image stored and the product listing it. */
    record Uploaded(ObjectId imageId, ProductResponse product) {
    }

    /**
     * Stores {@code file} (already checked to be an image) and adds it to product {@code productId}: 404/403/409 from
     * the catalog when the caller may not, 409 when it would take the seller past their storage.
     */
    Uploaded upload(String productId, MultipartFile file, CurrentUser user) throws IOException {
        catalog.checkImageCanBeAdded(productId, user);
        checkStorage(user, file.getSize());
        ImageType type;
        try (InputStream content = file.getInputStream()) {
            type = ImageType.of(content).orElseThrow(); // validated by @ImageContent already
        }
        ObjectId imageId = images.store(file, type, productId, user.id());
        try {
            // Again with this image counted: of two uploads racing for the last room, neither may overshoot.
            checkStorage(user, 0);
            return new Uploaded(imageId, catalog.addImage(productId, user, ImageUrls.url(imageId)));
        }
        catch (RuntimeException refused) {
            // Another upload took the last free place meanwhile (or the like): keep no orphan.
            images.delete(imageId);
            throw refused;
        }
    }

    /** A stored image; empty for an unknown or malformed id. */
    Optional<GridFsResource> find(String imageId) {
        return images.find(imageId);
    }

    private void checkStorage(CurrentUser user, long adding) {
        long stored = images.bytesStoredBy(user.id());
        if (stored + adding > storagePerSeller) {
            throw new ConflictException("Your photos would take more than the " + DataSize.ofBytes(storagePerSeller)
                .toMegabytes() + " MB a seller may store (" + DataSize.ofBytes(stored).toMegabytes() + " MB now, archived "
                + "listings' included). Remove photos from your listings to make room.");
        }
    }
}
