package io.thriftstore.product.image;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code thriftstore.product.images.*}: how long images live and how much a seller may store.
 *
 * @param storagePerSeller  the total size of the images a seller may have stored, archived listings' included;
 *                          an upload beyond it is refused with 409 until the seller removes photos
 * @param maxAge            how long browsers and proxies may reuse an image without asking again; a removed
 *                          image may be shown from a cache for at most this long, so it stays short
 * @param archivedRetention how long an archived listing keeps its photos for a relist; afterwards the sweep
 *                          removes them from the listing and deletes their files
 * @param orphanGrace       how old a file that no product lists must be before the sweep deletes it: an upload
 *                          is stored a moment before its product lists it, so this must outlast any upload
 * @param sweepInterval     the pause between two sweeps (each instance sweeps; see {@link ImageCleanup})
 * @param sweepBatchSize    files or products handled per query of a sweep
 */
@ConfigurationProperties("thriftstore.product.images")
@Validated
record ImageProperties(@DefaultValue("200MB") @NotNull DataSize storagePerSeller,
                       @DefaultValue("5m") @NotNull Duration maxAge,
                       @DefaultValue("30d") @NotNull Duration archivedRetention,
                       @DefaultValue("1h") @NotNull Duration orphanGrace,
                       @DefaultValue("1h") @NotNull Duration sweepInterval,
                       @DefaultValue("200") @Min(1) @Max(1000) int sweepBatchSize) {
}
