package io.thriftstore.product.image;

import io.thriftstore.testing.Api;

import io.thriftstore.product.ProductServiceIT;
import io.thriftstore.product.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import static io.thriftstore.product.Listings.list;
import static org.assertj.core.api.Assertions.assertThat;

/** Sellers upload photos of their items; anyone can load them, from cache after the first time. */
@ProductServiceIT
class ProductImagesIT {

    /** A real 1x1 WebP (lossless). */
    private static final byte[] WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
    private static final int FIVE_MB = 5 * 1024 * 1024;

    @LocalServerPort
    int port;

    Api api;
    TestUser seller = TestUser.named("Seller");
    TestUser other = TestUser.named("Other");

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void aSellerUploadsAPhotoThatAnyoneCanLoadAndCache() throws IOException {
        String productId = list(api, seller);
        byte[] png = image("png");

        Api.Response uploaded = api.upload("/api/products/" + productId + "/images", seller.bearer(), png, "lamp.png",
            MediaType.IMAGE_PNG);

        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        JsonNode product = uploaded.json();
        assertThat(product.path("imageUrls").size()).isEqualTo(1);
        String imageUrl = product.path("imageUrls").get(0).asString();
        assertThat(imageUrl).matches("/api/images/[0-9a-f]{24}");
        assertThat(uploaded.headers().getLocation()).hasToString("http://localhost:" + port + imageUrl);
        assertThat(api.get("/api/products/" + productId, null).json().path("imageUrls").get(0).asString()).isEqualTo(imageUrl);

        Api.Response image = api.get(imageUrl, null);
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.body()).isEqualTo(png);
        assertThat(image.headers().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
        assertThat(image.headers().getCacheControl()).as("a removed image must stop showing soon")
            .contains("public", "max-age=300").doesNotContain("immutable");
        String etag = image.headers().getETag();
        assertThat(etag).isNotBlank();

        Api.Response cached = api.get(imageUrl, null, headers -> headers.setIfNoneMatch(etag));
        assertThat(cached.status()).isEqualTo(304);
        assertThat(cached.body()).isEmpty();
    }

    @Test
    void jpegAndWebpAreAcceptedAndServedAsWhatTheyAre() throws IOException {
        String productId = list(api, seller);

        Api.Response jpeg = api.upload("/api/products/" + productId + "/images", seller.bearer(), image("jpg"), "a.bin",
            MediaType.APPLICATION_OCTET_STREAM);
        Api.Response webp = api.upload("/api/products/" + productId + "/images", seller.bearer(), WEBP, "b", MediaType.IMAGE_PNG);

        assertThat(jpeg.status()).as(jpeg.toString()).isEqualTo(201);
        assertThat(webp.status()).as(webp.toString()).isEqualTo(201);
        JsonNode urls = webp.json().path("imageUrls");
        assertThat(api.get(urls.get(0).asString(), null).headers().getContentType()).isEqualTo(MediaType.IMAGE_JPEG);
        assertThat(api.get(urls.get(1).asString(), null).headers().getContentType()).hasToString("image/webp");
    }

    @Test
    void aTextFileNamedLikeAnImageIsRefused() {
        String productId = list(api, seller);
        byte[] text = "just some text, not a picture".getBytes(StandardCharsets.UTF_8);

        Api.Response refused = api.upload("/api/products/" + productId + "/images", seller.bearer(), text, "photo.png",
            MediaType.IMAGE_PNG);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("file");
        assertThat(api.get("/api/products/" + productId, null).json().path("imageUrls").size()).isZero();
    }

    @Test
    void anEmptyFileOrNoFileIsRefused() {
        String path = "/api/products/" + list(api, seller) + "/images";

        assertThat(api.upload(path, seller.bearer(), new byte[0], "empty.png", MediaType.IMAGE_PNG).status()).isEqualTo(400);
        assertThat(api.post(path, seller.bearer(), "{}").status()).as("not multipart").isIn(400, 415);
    }

    @Test
    void anImageOfUpToFiveMegabytesIsAcceptedAndALargerOneIsTooLarge() {
        String path = "/api/products/" + list(api, seller) + "/images";

        Api.Response largest = api.upload(path, seller.bearer(), pngOfSize(FIVE_MB), "big.png", MediaType.IMAGE_PNG);
        Api.Response tooLarge = api.upload(path, seller.bearer(), pngOfSize(FIVE_MB + 1), "bigger.png", MediaType.IMAGE_PNG);

        assertThat(largest.status()).as(largest.toString()).isEqualTo(201);
        assertThat(tooLarge.status()).as(tooLarge.toString()).isEqualTo(413);
        assertThat(tooLarge.json().path("type").asString()).isEqualTo("https://thriftstore.dev/problems/payload-too-large");
        assertThat(largest.json().path("imageUrls").size()).isEqualTo(1);
    }

    @Test
    void onlyTheSellerMayAddImages() throws IOException {
        String path = "/api/products/" + list(api, seller) + "/images";
        byte[] png = image("png");

        assertThat(api.upload(path, null, png, "a.png", MediaType.IMAGE_PNG).status()).isEqualTo(401);
        assertThat(api.upload(path, other.bearer(), png, "a.png", MediaType.IMAGE_PNG).status()).isEqualTo(403);
        assertThat(api.upload("/api/products/000000000000000000000000/images", seller.bearer(), png, "a.png",
            MediaType.IMAGE_PNG).status()).isEqualTo(404);
        assertThat(api.upload(path, seller.bearer(), png, "a.png", MediaType.IMAGE_PNG).status()).isEqualTo(201);
    }

    @Test
    void aProductHasAtMostEightImages() throws IOException {
        String productId = list(api, seller);
        String path = "/api/products/" + productId + "/images";
        byte[] png = image("png");
        for (int i = 0; i < 8; i++) {
            assertThat(api.upload(path, seller.bearer(), png, "a.png", MediaType.IMAGE_PNG).status()).isEqualTo(201);
        }

        Api.Response ninth = api.upload(path, seller.bearer(), png, "a.png", MediaType.IMAGE_PNG);

        assertThat(ninth.status()).as(ninth.toString()).isEqualTo(409);
        assertThat(api.get("/api/products/" + productId, null).json().path("imageUrls").size()).isEqualTo(8);
    }

    @Test
    void unknownImagesAreNotFound() {
        assertThat(api.get("/api/images/000000000000000000000000", null).status()).isEqualTo(404);
        assertThat(api.get("/api/images/not-an-id", null).status()).isEqualTo(404);
    }

    static byte[] image(String format) throws IOException {
        BufferedImage picture = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(3, 2, Color.ORANGE.getRGB());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(picture, format, out)).isTrue();
        return out.toByteArray();
    }

    /** PNG's signature followed by filler: recognised as a PNG, and exactly {@code size} bytes long. */
    static byte[] pngOfSize(int size) {
        byte[] content = new byte[size];
        Arrays.fill(content, (byte) 7);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(signature, 0, content, 0, signature.length);
        return content;
    }
}
