package io.thriftstore.wishlist.wishlist;

import io.swagger.v3.oas.annotations.Operation;
import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.web.BadRequestException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The caller's wishlist: identity comes from the token only, so nobody can see or change another's. */
@RestController
@RequestMapping("/api/wishlist")
class WishlistController {

    private final Wishlists wishlists;

    WishlistController(Wishlists wishlists) {
        this.wishlists = wishlists;
    }

    @GetMapping
    @Operation(summary = "The caller's wishlist", description = "Current product data from product-service; when it "
        + "cannot be reached, the data stored when each item was added, with `available: null`. With `productId`: "
        + "that item alone, or no items when it is not on the wishlist (a normal answer, not a 404).")
    WishlistResponse list(@RequestParam(required = false) String productId, CurrentUser user) {
        if (productId != null) {
            // PostgreSQL refuses text with a NUL in it (the bad-input sweep found the 500); no product id has one.
            if (productId.isEmpty() || productId.length() > 100 || productId.chars().anyMatch(Character::isISOControl)) {
                throw new BadRequestException("productId", "must be a product id");
            }
            // "Is it on my wishlist?" asked by every product page: "no" is an answer, not an error the browser logs.
            return wishlists.find(user.id(), productId);
        }
        return wishlists.list(user.id());
    }

    @GetMapping("/items/{productId}")
    @Operation(summary = "One item of the caller's wishlist", description = "404 when it is not on the wishlist.")
    WishlistItemResponse item(@PathVariable String productId, CurrentUser user) {
        return wishlists.item(user.id(), productId);
    }

    @PutMapping("/items/{productId}")
    @Operation(summary = "Put a product on the caller's wishlist",
        description = "201 the first time, 200 after (idempotent); 404 for an unknown product; 409 beyond "
            + Wishlists.MAX_ITEMS + " items; 503 when product-service cannot be reached.")
    ResponseEntity<WishlistItemResponse> add(@PathVariable String productId, CurrentUser user) {
        Wishlists.Added added = wishlists.add(user.id(), productId);
        if (!added.created()) {
            return ResponseEntity.ok(added.item());
        }
        var location = ServletUriComponentsBuilder.fromCurrentContextPath()
            .path("/api/wishlist/items/{productId}").buildAndExpand(productId).toUri();
        return ResponseEntity.created(location).body(added.item());
    }

    @DeleteMapping("/items/{productId}")
    @Operation(summary = "Take a product off the caller's wishlist", description = "204 whether or not it was there.")
    ResponseEntity<Void> remove(@PathVariable String productId, CurrentUser user) {
        wishlists.remove(user.id(), productId);
        return ResponseEntity.noContent().build();
    }
}
