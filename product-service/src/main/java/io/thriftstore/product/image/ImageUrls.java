package io.thriftstore.product.image;

import org.bson.types.ObjectId;

import java.util.Optional;

/**
 * The URL a stored image is served at, and back. The controller serves these paths, the service hands them to the
 * catalog, and the cleanup reads them off products; none of them asks another for the format.
 */
final class ImageUrls {

    static final String IMAGE_PATH = "/api/images/";

    private ImageUrls() {
    }

    static String url(ObjectId imageId) {
        return IMAGE_PATH + imageId.toHexString();
    }

    /** The image behind one of our URLs; empty for a link to another host (from before only uploads were accepted). */
    static Optional<ObjectId> imageId(String url) {
        if (!url.startsWith(IMAGE_PATH)) {
            return Optional.empty();
        }
        String id = url.substring(IMAGE_PATH.length());
        return ObjectId.isValid(id) ? Optional.of(new ObjectId(id)) : Optional.empty();
    }
}
