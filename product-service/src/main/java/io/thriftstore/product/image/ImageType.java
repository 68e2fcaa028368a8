package io.thriftstore.product.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * The image formats accepted, recognised by their first bytes (their "magic numbers"), never by file name
 * or by the content type a client claims. Hand-written because three fixed signatures do not justify a
 * content-detection library.
 */
enum ImageType {

    JPEG("image/jpeg"),
    PNG("image/png"),
    WEBP("image/webp");

    /** The longest signature we look at: WebP's {@code RIFF????WEBP}. */
    static final int HEAD_LENGTH = 12;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final String mediaType;

    ImageType(String mediaType) {
        this.mediaType = mediaType;
    }

    String mediaType() {
        return mediaType;
    }

    static Optional<ImageType> of(InputStream content) throws IOException {
        return of(content.readNBytes(HEAD_LENGTH));
    }

    static Optional<ImageType> of(byte[] head) {
        if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (head.length >= PNG_SIGNATURE.length && Arrays.equals(head, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0,
            PNG_SIGNATURE.length)) {
            return Optional.of(PNG);
        }
        if (head.length >= 12 && ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    private static boolean ascii(byte[] bytes, int offset, String expected) {
        for (int i = 0; i < expected.length(); i++) {
            if (bytes[offset + i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
