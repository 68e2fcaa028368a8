package io.thriftstore.product.image;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.web.ConflictException;
import io.thriftstore.platform.web.ETags;
import io.thriftstore.platform.web.NotFoundException;
import io.thriftstore.product.catalog.Catalog;
import io.thriftstore.product.catalog.ProductResponse;
import org.bson.types.ObjectId;
import org.springframework.core.io.Resource;
import org.springframework.data.mongodb.gridfs.GridFsResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

@RestController
@Tag(name = "Images", description = "Product photos, stored in GridFS")
class ImageController {

    static final String IMAGE_PATH = "/api/images/";

    private final Catalog catalog;
    private final ImageStore images;
    private final long storagePerSeller;
    /**
     * Short: an image never changes while it exists, but a removed one must stop showing soon. After it, a
     * client asks again with the ETag and gets a 304 (or the 404 of a removed image).
     */
    private final CacheControl caching;

    ImageController(Catalog catalog, ImageStore images, ImageProperties properties) {
        this.catalog = catalog;
        this.images = images;
        this.storagePerSeller = properties.storagePerSeller().toBytes();
        this.caching = CacheControl.maxAge(properties.maxAge()).cachePublic();
    }

    static String url(ObjectId imageId) {
        return IMAGE_PATH + imageId.toHexString();
    }

    @PostMapping(path = "/api/products/{id}/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload a product image (seller only)",
        description = "Multipart field `file`: a JPEG, PNG or WebP image (recognised by its content) of at most 5 MB; "
            + "at most 8 images per product and a bounded total per seller (409 beyond either). The product's "
            + "`imageUrls` then lists `/api/images/{imageId}`.")
    ResponseEntity<ProductResponse> upload(@PathVariable String id, @RequestParam("file") @ImageContent MultipartFile file,
                                           CurrentUser user) throws IOException {
        catalog.checkImageCanBeAdded(id, user);
        checkStorage(user, file.getSize());
        ImageType type;
        try (InputStream content = file.getInputStream()) {
            type = ImageType.of(content).orElseThrow(); // validated by @ImageContent already
        }
        ObjectId imageId = images.store(file, type, id, user.id());
        ProductResponse product;
        try {
            // Again with this image counted: of two uploads racing for the last room, neither may overshoot.
            checkStorage(user, 0);
            product = catalog.addImage(id, user, url(imageId));
        }
        catch (RuntimeException refused) {
            // Another upload took the last free place meanwhile (or the like): keep no orphan.
            images.delete(imageId);
            throw refused;
        }
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path(IMAGE_PATH + "{imageId}")
            .buildAndExpand(imageId.toHexString()).toUri();
        return ResponseEntity.created(location).eTag(ETags.of(product.version())).body(product);
    }

    @GetMapping(IMAGE_PATH + "{imageId}")
    @Operation(summary = "An uploaded image", description = "Public; cacheable for a few minutes, then revalidated "
        + "with its ETag. 404 once its product no longer lists it.")
    ResponseEntity<Resource> image(@PathVariable String imageId) {
        GridFsResource image = images.find(imageId).orElseThrow(() -> new NotFoundException("There is no such image."));
        // An If-None-Match with this ETag is answered 304 by Spring MVC.
        return ResponseEntity.ok()
            .contentType(MediaType.parseMediaType(image.getContentType()))
            .cacheControl(caching)
            .eTag("\"" + imageId + "\"")
            .body(image);
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
