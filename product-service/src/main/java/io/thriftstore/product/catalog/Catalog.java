package io.thriftstore.product.catalog;

import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.web.BadRequestException;
import io.thriftstore.platform.web.ConflictException;
import io.thriftstore.platform.web.ETags;
import io.thriftstore.platform.web.ForbiddenException;
import io.thriftstore.platform.web.NotFoundException;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalog: listing, reading and the owner's changes. Every change is a read-modify-write guarded
 * by the product's version; the event announcing it is stored in the same update and relayed later.
 */
@Service
public class Catalog {

    /** How often a change is retried after losing a race with another writer (a stock change, mostly). */
    private static final int ATTEMPTS = 20;

    static final Set<ProductStatus> PUBLIC_STATUSES = Set.of(ProductStatus.ACTIVE, ProductStatus.SOLD_OUT);

    private final Products products;
    private final CatalogCache cache;
    private final ApplicationEventPublisher internalEvents;
    private final Clock clock;
    private final String source;
    private final String currency;

    Catalog(Products products, CatalogCache cache, ApplicationEventPublisher internalEvents, Clock clock,
            @Value("${spring.application.name}") String source, @Value("${thriftstore.currency:USD}") String currency) {
        this.products = products;
        this.cache = cache;
        this.internalEvents = internalEvents;
        this.clock = clock;
        this.source = source;
        this.currency = currency.toUpperCase(Locale.ROOT);
    }

    ProductResponse create(CreateProductRequest request, CurrentUser seller) {
        // A new product has no uploads yet, so no image URL can be one of its own.
        checkImagesAreListed(request.imageUrls(), List.of());
        Instant now = clock.instant();
        Product product = new Product(new ObjectId(), seller.id(), seller.name(), request.name().strip(),
            request.description() == null ? "" : request.description().strip(), money(request.price()), currency,
            request.category(), request.condition(), request.quantity(), ProductStatus.forStock(request.quantity()),
            request.imageUrls(), now, now, 0, List.of(), List.of(), null);
        products.insert(product, EventEnvelope.of(EventType.PRODUCT_CREATED, source, product.toEvent(null)));
        return product.toResponse();
    }

    /**
     * Any product, archived ones included: whoever has the id may see what it was. Through {@link CatalogCache}:
     * a change made elsewhere may show up to its TTL late (changes go through {@link Products}, never through this).
     */
    Optional<ProductResponse> find(String id) {
        return cache.product(id, () -> products.find(id).map(Product::toResponse));
    }

    ProductResponse get(String id) {
        return find(id).orElseThrow(Catalog::notFound);
    }

    /** The known products among {@code ids}, in the order asked, each once; unknown or malformed ids are left out. */
    public List<ProductResponse> findAll(List<String> ids) {
        List<ObjectId> wanted = ids.stream().filter(ObjectId::isValid).map(ObjectId::new).distinct().toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<ObjectId, Product> found = products.findAll(wanted).stream()
            .collect(Collectors.toMap(Product::id, Function.identity()));
        return wanted.stream().map(found::get).filter(Objects::nonNull).map(Product::toResponse).toList();
    }

    /**
     * A page of products. Archived ones are listed only to their seller, who asks with
     * {@code sellerId} = their own id.
     */
    Page<ProductResponse> search(ProductQuery query, Optional<CurrentUser> caller) {
        checkMayList(query, caller);
        // Public lists (and their counts) come from the cache; an owner's list with archived items never does.
        return cache.page(query, () -> products.search(query,
            () -> cache.count(query.filter(), () -> products.count(query.filter()))).map(Product::toResponse));
    }

    /** The same list as {@link #search}, as cards: read from the store with only the fields a card shows. */
    Page<ProductCard> cards(ProductQuery query, Optional<CurrentUser> caller) {
        checkMayList(query, caller);
        return cache.cards(query, () -> products.searchCards(query,
            () -> cache.count(query.filter(), () -> products.count(query.filter()))).map(ProductCard::of));
    }

    private static void checkMayList(ProductQuery query, Optional<CurrentUser> caller) {
        if (query.statuses().contains(ProductStatus.ARCHIVED)) {
            CurrentUser user = caller.orElseThrow(() ->
                new InsufficientAuthenticationException("Archived items are listed only to their seller."));
            if (!user.id().equals(query.sellerId())) {
                throw new ForbiddenException("Archived items are listed only to their seller: ask with sellerId=<your user id>.");
            }
        }
    }

    ProductResponse update(String id, UpdateProductRequest patch, String ifMatch, CurrentUser user) {
        return change(id, ifMatch, user, patch.quantity() != null, before -> {
            checkImagesAreListed(patch.imageUrls(), before.imageUrls());
            int quantity = patch.quantity() != null ? patch.quantity() : before.quantity();
            ProductStatus status = nextStatus(before.status(), patch.status(), quantity);
            return before.with(
                patch.name() != null ? patch.name().strip() : before.name(),
                patch.description() != null ? patch.description().strip() : before.description(),
                patch.price() != null ? money(patch.price()) : before.price(),
                patch.category() != null ? patch.category() : before.category(),
                patch.condition() != null ? patch.condition() : before.condition(),
                quantity, status,
                patch.imageUrls() != null ? patch.imageUrls() : before.imageUrls(),
                clock.instant());
        });
    }

    /** Archives (DELETE): the product stays readable by id but leaves public lists; archiving twice changes nothing. */
    ProductResponse archive(String id, String ifMatch, CurrentUser user) {
        return change(id, ifMatch, user, false, before -> before.with(before.name(), before.description(),
            before.price(), before.category(), before.condition(), before.quantity(), ProductStatus.ARCHIVED,
            before.imageUrls(), clock.instant()));
    }

    /**
     * Checks, before an image is stored, that it could be added: the product exists, {@code user} owns it
     * and it has room for another image.
     */
    public void checkImageCanBeAdded(String id, CurrentUser user) {
        Product product = owned(id, user);
        if (product.imageUrls().size() >= ProductLimits.MAX_IMAGES) {
            throw tooManyImages();
        }
    }

    /** Adds an uploaded image's URL to the product; throws (and adds nothing) if it no longer may. */
    public ProductResponse addImage(String id, CurrentUser user, String imageUrl) {
        return change(id, null, user, false, before -> {
            if (before.imageUrls().size() >= ProductLimits.MAX_IMAGES) {
                throw tooManyImages();
            }
            return before.withImage(imageUrl, clock.instant());
        });
    }

    /**
     * Long-archived listings give their photos up: a product archived (and unchanged) since before {@code cutoff}
     * stops listing its images, announced like any change, and their files are deleted. A relist within the
     * retention keeps the photos; a later one has none. Version-guarded, so a relist racing with this wins or
     * loses as a whole, and several instances may run it at once.
     *
     * @return how many products gave their images up
     */
    public int dropImagesOfProductsArchivedBefore(Instant cutoff, int limit) {
        int dropped = 0;
        for (Product before : products.archivedWithImagesBefore(cutoff, limit)) {
            Product after = before.with(before.name(), before.description(), before.price(), before.category(),
                before.condition(), before.quantity(), before.status(), List.of(), clock.instant());
            if (save(before, after)) {
                dropped++;
            }
        }
        return dropped;
    }

    /** Those of {@code imageUrls} that some product (of any status) lists. */
    public Set<String> listedImages(Collection<String> imageUrls) {
        return products.listedImages(imageUrls);
    }

    /**
     * A product lists only images uploaded to it, and new ones arrive only through the upload: a client may
     * reorder or drop the listed ones. So an image that left a product never comes back, which is what makes
     * deleting its file at once (and sweeping unlisted files) safe.
     */
    private static void checkImagesAreListed(List<String> requested, List<String> listed) {
        if (requested == null) {
            return;
        }
        for (int i = 0; i < requested.size(); i++) {
            if (!listed.contains(requested.get(i))) {
                throw new BadRequestException("imageUrls[" + i + "]", "must be an image uploaded to this product "
                    + "(upload photos with POST /api/products/{id}/images; this list can only reorder or remove them)");
            }
        }
    }

    /**
     * The owner's read-modify-write. A race lost to another writer is retried on the fresh state,
     * except when the caller pinned a version with If-Match (412) or sets the quantity: an absolute
     * quantity computed from a state that a reservation has since changed would silently undo that
     * reservation, so the owner gets a 409 and decides again.
     */
    private ProductResponse change(String id, String ifMatch, CurrentUser user, boolean setsQuantity,
                                   Function<Product, Product> edit) {
        for (int attempt = 1; ; attempt++) {
            Product before = owned(id, user);
            ETags.checkIfMatch(ifMatch, before.version());
            Product after = edit.apply(before);
            if (after.sameContentAs(before)) {
                return before.toResponse();
            }
            if (save(before, after)) {
                return after.toResponse();
            }
            if (setsQuantity || attempt == ATTEMPTS) {
                throw new ConflictException("The product changed while this change was being saved (its stock, most "
                    + "likely); reload it and try again.");
            }
        }
    }

    /**
     * Writes {@code after} with the event announcing it if the product is still at {@code before}'s version;
     * then the images it no longer lists are announced in-process, to have their files deleted.
     */
    private boolean save(Product before, Product after) {
        EventType type = after.status() == ProductStatus.ARCHIVED && before.status() != ProductStatus.ARCHIVED
            ? EventType.PRODUCT_ARCHIVED : EventType.PRODUCT_UPDATED;
        EventEnvelope<?> event = EventEnvelope.of(type, source,
            after.toEvent(type == EventType.PRODUCT_UPDATED ? before : null));
        if (!products.replace(before, after, new Update(), event)) {
            return false;
        }
        List<String> removed = new ArrayList<>(before.imageUrls());
        removed.removeAll(after.imageUrls());
        if (!removed.isEmpty()) {
            internalEvents.publishEvent(new ProductImagesRemoved(before.id().toHexString(), removed));
        }
        return true;
    }

    private Product owned(String id, CurrentUser user) {
        Product product = products.find(id).orElseThrow(Catalog::notFound);
        if (!product.isOwnedBy(user.id())) {
            throw new ForbiddenException("Only the seller may change this product.");
        }
        return product;
    }

    private static ProductStatus nextStatus(ProductStatus current, String requested, int quantity) {
        if ("ARCHIVED".equals(requested)) {
            return ProductStatus.ARCHIVED;
        }
        if ("ACTIVE".equals(requested) || current != ProductStatus.ARCHIVED) {
            return ProductStatus.forStock(quantity);
        }
        return ProductStatus.ARCHIVED;
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static ConflictException tooManyImages() {
        return new ConflictException("A product has at most " + ProductLimits.MAX_IMAGES + " images.");
    }

    private static NotFoundException notFound() {
        // The id is not echoed: it is whatever the client typed.
        return new NotFoundException("There is no such product.");
    }
}
