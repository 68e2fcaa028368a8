package io.thriftstore.product.catalog;

import java.util.List;

/**
 * A product stopped listing these images (its seller removed them from {@code imageUrls}, or they expired
 * with a long-archived listing). Published in-process once the change is stored; the image feature then
 * deletes the files, so their URLs answer 404 from then on.
 */
public record ProductImagesRemoved(String productId, List<String> imageUrls) {

    public ProductImagesRemoved {
        imageUrls = List.copyOf(imageUrls);
    }
}
