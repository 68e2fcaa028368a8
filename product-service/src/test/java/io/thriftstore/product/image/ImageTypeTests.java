package io.thriftstore.product.image;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Images are recognised by their first bytes, whatever they are called. */
class ImageTypeTests {

    @Test
    void recognisesTheThreeFormatsByTheirSignature() {
        assertThat(ImageType.of(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0})).contains(ImageType.JPEG);
        assertThat(ImageType.of(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13})).contains(ImageType.PNG);
        assertThat(ImageType.of(Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")))
            .contains(ImageType.WEBP);
    }

    @Test
    void anythingElseIsNotAnImage() {
        assertThat(ImageType.of("GIF89a......".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageType.of("RIFF....WAVE".getBytes(StandardCharsets.US_ASCII))).as("a RIFF that is not WebP").isEmpty();
        assertThat(ImageType.of("<svg xmlns=".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageType.of(new byte[]{(byte) 0x89, 'P', 'N', 'G'})).as("a truncated signature").isEmpty();
        assertThat(ImageType.of(new byte[0])).isEmpty();
    }
}
