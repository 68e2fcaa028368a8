package io.thriftstore.product.image;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.web.ETags;
import io.thriftstore.platform.web.NotFoundException;
import io.thriftstore.product.catalog.ProductResponse;
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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.net.URI;

import static io.thriftstore.product.image.ImageUrls.IMAGE_PATH;

@RestController
@Tag(name = "Images", description = "Product photos, stored in GridFS")
class ImageController {

    private final ImageService images;
    /**
     * Short: an image never changes while it exists, but a removed one must stop showing soon. After it, a
     * client asks again with the ETag and gets a 304 (or the 404 of a removed image).
     */
    private final CacheControl caching;

    ImageController(ImageService images, ImageProperties properties) {
        this.images = images;
        this.caching = CacheControl.maxAge(properties.maxAge()).cachePublic();
    }

    @PostMapping(path = "/api/products/{id}/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload a product image (seller only)",
        description = "Multipart field `file`: a JPEG, PNG or WebP image (recognised by its content) of at most 5 MB; "
            + "at most 8 images per product and a bounded total per seller (409 beyond either). The product's "
            + "`imageUrls` then lists `/api/images/{imageId}`.")
    ResponseEntity<ProductResponse> upload(@PathVariable String id, @RequestParam("file") @ImageContent MultipartFile file,
                                           CurrentUser user) throws IOException {
        ImageService.Uploaded uploaded = images.upload(id, file, user);
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path(IMAGE_PATH + "{imageId}")
            .buildAndExpand(uploaded.imageId().toHexString()).toUri();
        return ResponseEntity.created(location).eTag(ETags.of(uploaded.product().version())).body(uploaded.product());
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
}
