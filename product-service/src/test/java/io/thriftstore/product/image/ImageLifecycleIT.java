package io.thriftstore.product.image;

import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.ProductEvent;
import io.thriftstore.product.ProductServiceIT;
import io.thriftstore.product.PublishedEvents;
import io.thriftstore.product.TestUser;
import io.thriftstore.testing.Api;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.thriftstore.product.Listings.list;
import static io.thriftstore.product.image.ProductImagesIT.image;
import static io.thriftstore.product.image.ProductImagesIT.pngOfSize;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Photos live as long as a listing shows them: removed ones are deleted at once, an archived listing keeps
 * them for a relist until the retention ends, files no listing shows are swept after a grace period, a listing
 * shows only its own uploads, and a seller's storage is bounded (12 MB in these tests).
 */
@ProductServiceIT
class ImageLifecycleIT {

    private static final int FIVE_MB = 5 * 1024 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    ImageCleanup cleanup;

    @Autowired
    ImageStore store;

    @Autowired
    ImageProperties properties;

    @Autowired
    Clock clock;

    @Autowired
    PublishedEvents published;

    Api api;
    TestUser seller = TestUser.named("Seller");
    TestUser other = TestUser.named("Other");

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void aPhotoRemovedFromTheListingIsGoneForGood() throws IOException {
        String productId = list(api, seller);
        String first = upload(productId, seller);
        String second = upload(productId, seller);

        Api.Response changed = api.patch("/api/products/" + productId, seller.bearer(), Map.of("imageUrls", List.of(second)));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(urls(changed.json())).containsExactly(second);
        Api.Response removed = api.get(first, null);
        assertThat(removed.status()).isEqualTo(404);
        assertThat(removed.headers().getContentType()).hasToString("application/problem+json");
        assertThat(api.get(second, null).status()).isEqualTo(200);

        Api.Response back = api.patch("/api/products/" + productId, seller.bearer(), Map.of("imageUrls", List.of(second, first)));
        assertThat(back.status()).as("a removed photo cannot be listed again").isEqualTo(400);
        assertThat(back.errorFields()).containsExactly("imageUrls[1]");
    }

    @Test
    void anArchivedListingKeepsItsPhotosForARelist() throws IOException {
        String productId = list(api, seller);
        String photo = upload(productId, seller);

        assertThat(api.delete("/api/products/" + productId, seller.bearer()).status()).isEqualTo(200);
        cleanup.sweep(clock.instant().plus(properties.archivedRetention()).minus(Duration.ofHours(1)));

        assertThat(api.get(photo, null).status()).as("archived, within the retention").isEqualTo(200);
        Api.Response relisted = api.patch("/api/products/" + productId, seller.bearer(), Map.of("status", "ACTIVE"));
        assertThat(relisted.json().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(urls(relisted.json())).containsExactly(photo);
        assertThat(api.get(photo, null).status()).isEqualTo(200);
    }

    @Test
    void aListingArchivedLongerThanTheRetentionGivesItsPhotosUp() throws IOException {
        String archivedId = list(api, seller);
        String archivedPhoto = upload(archivedId, seller);
        String activeId = list(api, seller);
        String activePhoto = upload(activeId, seller);
        long version = api.delete("/api/products/" + archivedId, seller.bearer()).json().path("version").asLong();

        cleanup.sweep(clock.instant().plus(properties.archivedRetention()).plus(Duration.ofHours(1)));

        JsonNode archived = api.get("/api/products/" + archivedId, null).json();
        assertThat(archived.path("status").asString()).isEqualTo("ARCHIVED");
        assertThat(urls(archived)).isEmpty();
        assertThat(archived.path("version").asLong()).isEqualTo(version + 1);
        assertThat(api.get(archivedPhoto, null).status()).isEqualTo(404);
        assertThat(api.get(activePhoto, null).status()).as("a listing on sale keeps its photos").isEqualTo(200);
        published.awaitOne(EventType.PRODUCT_UPDATED, ProductEvent.class,
            event -> event.id().equals(archivedId) && event.version() == version + 1 && event.imageUrls().isEmpty());

        Api.Response relisted = api.patch("/api/products/" + archivedId, seller.bearer(), Map.of("status", "ACTIVE"));
        assertThat(relisted.json().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(urls(relisted.json())).as("relisted without photos; the seller uploads new ones").isEmpty();
    }

    @Test
    void aFileNoListingShowsIsSweptAfterTheGracePeriodByAnyInstance() throws IOException {
        String productId = list(api, seller);
        String listed = upload(productId, seller);
        // What a crash between storing an upload and listing it leaves behind.
        List<ObjectId> orphans = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            orphans.add(store.store(new MockMultipartFile("file", image("png")), ImageType.PNG, productId, seller.id()));
        }

        cleanup.sweep(clock.instant().plus(properties.orphanGrace()).minus(Duration.ofMinutes(1)));
        assertThat(orphans).as("within the grace period an upload may still be on its way")
            .allMatch(id -> api.get(ImageUrls.url(id), null).status() == 200);

        // Two instances sweeping at once: both finish, each file is deleted once.
        Instant later = clock.instant().plus(properties.orphanGrace()).plus(Duration.ofMinutes(1));
        CompletableFuture.allOf(CompletableFuture.runAsync(() -> cleanup.sweep(later)),
            CompletableFuture.runAsync(() -> cleanup.sweep(later))).join();

        assertThat(orphans).allMatch(id -> api.get(ImageUrls.url(id), null).status() == 404);
        assertThat(store.bytesStoredBy(seller.id())).isEqualTo(image("png").length);
        assertThat(api.get(listed, null).status()).isEqualTo(200);
        assertThat(urls(api.get("/api/products/" + productId, null).json())).containsExactly(listed);
    }

    @Test
    void aListingShowsOnlyItsOwnUploads() throws IOException {
        String productId = list(api, seller);
        String photo = upload(productId, seller);
        String sameSellersOtherProduct = list(api, seller);
        String othersProduct = list(api, other);

        Api.Response toOwnOther = api.patch("/api/products/" + sameSellersOtherProduct, seller.bearer(),
            Map.of("imageUrls", List.of(photo)));
        Api.Response toOthers = api.patch("/api/products/" + othersProduct, other.bearer(), Map.of("imageUrls", List.of(photo)));
        Api.Response created = api.post("/api/products", other.bearer(),
            io.thriftstore.product.Listings.item("imageUrls", List.of(photo)));
        Api.Response foreignHost = api.patch("/api/products/" + productId, seller.bearer(),
            Map.of("imageUrls", List.of(photo, "https://img.example/a.jpg")));

        for (Api.Response refused : List.of(toOwnOther, toOthers, created, foreignHost)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.headers().getContentType()).hasToString("application/problem+json");
            assertThat(refused.errorFields()).as(refused.toString()).allMatch(field -> field.startsWith("imageUrls"))
                .isNotEmpty();
        }
        assertThat(urls(api.get("/api/products/" + productId, null).json())).containsExactly(photo);
        assertThat(api.get(photo, null).status()).isEqualTo(200);
    }

    @Test
    void aSellersStorageIsBoundedAndRemovingPhotosMakesRoom() {
        String first = list(api, seller);
        String second = list(api, seller);
        String path = "/api/products/" + second + "/images";
        assertThat(api.upload("/api/products/" + first + "/images", seller.bearer(), pngOfSize(FIVE_MB), "a.png",
            MediaType.IMAGE_PNG).status()).isEqualTo(201);
        assertThat(api.upload(path, seller.bearer(), pngOfSize(FIVE_MB), "b.png", MediaType.IMAGE_PNG).status()).isEqualTo(201);

        Api.Response full = api.upload(path, seller.bearer(), pngOfSize(FIVE_MB), "c.png", MediaType.IMAGE_PNG);

        assertThat(full.status()).as(full.toString()).isEqualTo(409);
        assertThat(full.headers().getContentType()).hasToString("application/problem+json");
        assertThat(full.json().path("detail").asString()).contains("12 MB");
        assertThat(urls(api.get("/api/products/" + second, null).json())).hasSize(1);
        assertThat(store.bytesStoredBy(seller.id())).isEqualTo(2L * FIVE_MB);
        assertThat(api.upload("/api/products/" + list(api, other) + "/images", other.bearer(), pngOfSize(FIVE_MB), "d.png",
            MediaType.IMAGE_PNG).status()).as("the bound is per seller").isEqualTo(201);

        assertThat(api.patch("/api/products/" + first, seller.bearer(), Map.of("imageUrls", List.of())).status()).isEqualTo(200);
        Api.Response roomAgain = api.upload(path, seller.bearer(), pngOfSize(FIVE_MB), "c.png", MediaType.IMAGE_PNG);
        assertThat(roomAgain.status()).as(roomAgain.toString()).isEqualTo(201);
    }

    private String upload(String productId, TestUser user) throws IOException {
        Api.Response uploaded = api.upload("/api/products/" + productId + "/images", user.bearer(), image("png"), "a.png",
            MediaType.IMAGE_PNG);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        List<String> urls = urls(uploaded.json());
        return urls.get(urls.size() - 1);
    }

    private static List<String> urls(JsonNode product) {
        List<String> urls = new ArrayList<>();
        product.path("imageUrls").forEach(url -> urls.add(url.asString()));
        return urls;
    }
}
