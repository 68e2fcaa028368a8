package io.thriftstore.wishlist.wishlist;

import java.util.List;

/** The caller's wishlist, most recently added first. */
record WishlistResponse(List<WishlistItemResponse> items) {
}
