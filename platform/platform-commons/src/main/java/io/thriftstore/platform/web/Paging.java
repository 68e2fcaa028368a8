package io.thriftstore.platform.web;

/**
 * The limits of every paged list (DESIGN section 5): {@code size} is capped at {@value #MAX_SIZE}, and
 * {@code page} may not pass {@value #MAX_PAGE}, so that {@code page * size} always fits the int offsets of JDBC
 * and MongoDB ({@code page=2147483647&size=100} used to overflow into a 500). A page past the last one within
 * the limit is an empty page; a page past the limit is a 400 field error.
 *
 * <pre>{@code
 * @RequestParam(defaultValue = "0") @Min(0) @Max(Paging.MAX_PAGE) int page,
 * @RequestParam(defaultValue = "20") @Min(1) int size
 * ... Paging.size(size)
 * }</pre>
 */
public final class Paging {

    public static final int MAX_SIZE = 100;
    /** 100,000 pages of 100 = 10 million items: more than any list here holds, far below {@link Integer#MAX_VALUE}. */
    public static final int MAX_PAGE = 100_000;

    private Paging() {
    }

    /** The requested size, capped at {@value #MAX_SIZE}. */
    public static int size(int requested) {
        return Math.min(requested, MAX_SIZE);
    }
}
