package io.thriftstore.platform.web;

/**
 * Strong ETags for versioned resources: {@code ETag: "3"} for version 3, and the {@code If-Match}
 * check that turns a stale write into 412.
 *
 * <pre>{@code
 * @PatchMapping("/{id}")
 * ResponseEntity<ProductResponse> update(@PathVariable String id, @RequestHeader(name = "If-Match", required = false) String ifMatch, ...) {
 *     ETags.checkIfMatch(ifMatch, product.version());
 *     ...
 *     return ResponseEntity.ok().eTag(ETags.of(updated.version())).body(updated);
 * }
 * }</pre>
 */
public final class ETags {

    private ETags() {
    }

    /** {@code "3"} (quotes included) for version 3. */
    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Passes when {@code ifMatch} is absent or blank, is {@code *}, or lists {@code "<currentVersion>"};
     * otherwise throws {@link PreconditionFailedException}. Weak tags ({@code W/"3"}) never match:
     * If-Match uses strong comparison (RFC 9110, 13.1.1).
     */
    public static void checkIfMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String current = of(currentVersion);
        for (String tag : ifMatch.split(",")) {
            String candidate = tag.trim();
            if (candidate.equals("*") || candidate.equals(current)) {
                return;
            }
        }
        throw new PreconditionFailedException(
            "The resource has changed: it is at version " + currentVersion + ", but If-Match was " + ifMatch.trim());
    }
}
