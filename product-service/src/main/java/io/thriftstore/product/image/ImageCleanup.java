package io.thriftstore.product.image;

import io.thriftstore.product.catalog.Catalog;
import io.thriftstore.product.catalog.ProductImagesRemoved;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Deletes the files of images no product lists any more, so that their URLs answer 404 and they stop
 * counting against their seller's storage.
 * <ul>
 *   <li>At once, when a product stops listing an image (the seller removed it from {@code imageUrls}).</li>
 *   <li>In a sweep, every {@code sweep-interval}: first archived listings older than {@code archived-retention}
 *       give their images up (which deletes them as above); then every file older than {@code orphan-grace} that
 *       no product lists is deleted. That catches what a crash left between storing a change and deleting the
 *       file, an upload whose product was never updated, and products removed from the database by hand.</li>
 * </ul>
 * Safe with several instances without a lease: the catalog's changes are version-guarded and deleting an
 * already deleted file does nothing, so two instances sweeping at once only repeat some reads. A product lists
 * only images uploaded to it and never gets a removed one back ({@link Catalog}), so a file found unlisted
 * after the grace period stays unlisted and may go.
 */
@Component
class ImageCleanup {

    private static final Logger log = LoggerFactory.getLogger(ImageCleanup.class);

    private final Catalog catalog;
    private final ImageStore images;
    private final ImageProperties properties;
    private final Clock clock;

    ImageCleanup(Catalog catalog, ImageStore images, ImageProperties properties, Clock clock) {
        this.catalog = catalog;
        this.images = images;
        this.properties = properties;
        this.clock = clock;
    }

    /** Runs in the thread that stored the change, so the image is gone by the time the seller gets the answer. */
    @EventListener
    void imagesRemoved(ProductImagesRemoved removed) {
        List<ObjectId> ids = removed.imageUrls().stream().map(ImageUrls::imageId).flatMap(Optional::stream).toList();
        if (ids.isEmpty()) {
            return;
        }
        try {
            images.deleteOf(removed.productId(), ids);
        }
        catch (RuntimeException e) {
            // The change is stored already and must not look failed: the sweep deletes these files later.
            log.warn("Could not delete images {} removed from product {}, the sweep will: {}", ids, removed.productId(),
                e.toString());
        }
    }

    @Scheduled(initialDelayString = "${thriftstore.product.images.sweep-interval:1h}",
        fixedDelayString = "${thriftstore.product.images.sweep-interval:1h}")
    void sweep() {
        try {
            sweep(clock.instant());
        }
        catch (RuntimeException e) {
            // The next sweep tries again; nothing is lost by waiting.
            log.warn("Image sweep failed: {}", e.toString());
        }
    }

    /** One sweep as if it were {@code now}. */
    void sweep(Instant now) {
        Instant archivedBefore = now.minus(properties.archivedRetention());
        while (catalog.dropImagesOfProductsArchivedBefore(archivedBefore, properties.sweepBatchSize())
            == properties.sweepBatchSize()) {
            // A full batch: there may be more.
        }
        Instant storedBefore = now.minus(properties.orphanGrace());
        int deleted = 0;
        ObjectId after = null;
        for (List<ObjectId> batch; !(batch = images.storedBefore(storedBefore, after, properties.sweepBatchSize())).isEmpty(); ) {
            after = batch.get(batch.size() - 1);
            Map<String, ObjectId> byUrl = batch.stream()
                .collect(Collectors.toMap(ImageUrls::url, Function.identity()));
            Set<String> listed = catalog.listedImages(byUrl.keySet());
            List<ObjectId> unlisted = new ArrayList<>();
            byUrl.forEach((url, id) -> {
                if (!listed.contains(url)) {
                    unlisted.add(id);
                }
            });
            if (!unlisted.isEmpty()) {
                images.delete(unlisted);
                deleted += unlisted.size();
            }
        }
        if (deleted > 0) {
            log.info("Image sweep deleted {} images no product lists", deleted);
        }
    }
}
