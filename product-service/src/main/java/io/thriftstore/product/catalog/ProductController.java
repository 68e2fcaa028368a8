package io.thriftstore.product.catalog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.thriftstore.platform.web.Paging;
import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.web.ETags;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RestController
@RequestMapping("/api")
@Tag(name = "Products", description = "The catalog of second-hand items")
class ProductController {

    private final Catalog catalog;

    ProductController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/categories")
    @Operation(summary = "The fixed list of categories")
    List<String> categories() {
        return Category.VALUES;
    }

    @GetMapping("/products")
    @Operation(summary = "Search and list products",
        description = "Public. `q` matches name and description, case-insensitively and literally. Without `status`, "
            + "ACTIVE and SOLD_OUT items are listed; ARCHIVED ones only to their seller, who asks with "
            + "`sellerId=<own id>&status=ARCHIVED` (`status` may be repeated). `size` is capped at 100. "
            + "`view=card` lists cards instead of full products: id, sellerName, name, price, currency, category, "
            + "condition, status and the first image as `imageUrl`.")
    PagedModel<?> list(
            // MongoDB refuses a NUL in a regex: control characters are a 400, not a failed query.
            @RequestParam(required = false) @Size(max = 200)
            @jakarta.validation.constraints.Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters")
            String q,
            @RequestParam(required = false) Category category,
            @RequestParam(required = false) String sellerId,
            @RequestParam(required = false) @DecimalMin("0") BigDecimal minPrice,
            @RequestParam(required = false) @DecimalMin("0") BigDecimal maxPrice,
            @RequestParam(required = false) Set<ProductStatus> status,
            @RequestParam(defaultValue = "newest") @Parameter(schema = @io.swagger.v3.oas.annotations.media.Schema(
                allowableValues = {"newest", "price_asc", "price_desc"})) ProductSort sort,
            @RequestParam(defaultValue = "0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @RequestParam(defaultValue = "20") @Min(1) int size,
            @RequestParam(defaultValue = "full") @Parameter(schema = @io.swagger.v3.oas.annotations.media.Schema(
                allowableValues = {"full", "card"})) ProductView view,
            @Parameter(hidden = true) Optional<CurrentUser> user) {
        if (status != null && status.contains(null)) { // a blank value converts to null
            throw new io.thriftstore.platform.web.BadRequestException("status", "must be one of " + EnumSet.allOf(ProductStatus.class));
        }
        Set<ProductStatus> statuses = status == null || status.isEmpty() ? Catalog.PUBLIC_STATUSES : EnumSet.copyOf(status);
        ProductQuery query = new ProductQuery(q == null || q.isBlank() ? null : q, category,
            sellerId == null || sellerId.isBlank() ? null : sellerId, minPrice, maxPrice, statuses, sort, page,
            Paging.size(size));
        return view == ProductView.CARD ? new PagedModel<>(catalog.cards(query, user))
            : new PagedModel<>(catalog.search(query, user));
    }

    @GetMapping("/products/{id}")
    @Operation(summary = "One product, archived ones included", description = "Public. Unknown or malformed ids are 404.")
    ResponseEntity<ProductResponse> get(@PathVariable String id) {
        return withETag(ResponseEntity.ok(), catalog.get(id));
    }

    @PostMapping("/products/bulk")
    @Operation(summary = "The known products among up to 100 ids",
        description = "Public. Returns a JSON array in the order of the ids asked for; unknown ids are left out.")
    List<ProductResponse> bulk(@Valid @RequestBody BulkRequest request) {
        return catalog.findAll(request.ids());
    }

    @PostMapping("/products")
    @Operation(summary = "List an item for sale", description = "The seller is the caller.")
    ResponseEntity<ProductResponse> create(@Valid @RequestBody CreateProductRequest request, CurrentUser user) {
        ProductResponse created = catalog.create(request, user);
        var location = ServletUriComponentsBuilder.fromCurrentContextPath()
            .path("/api/products/{id}").buildAndExpand(created.id()).toUri();
        return withETag(ResponseEntity.created(location), created);
    }

    @PatchMapping(path = "/products/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    @Operation(summary = "Change a product (seller only)",
        description = "Merge semantics: absent fields stay. `status: ACTIVE` relists an archived item. "
            + "Send `If-Match` with the ETag you read to be sure nothing changed meanwhile (412 otherwise).")
    ResponseEntity<ProductResponse> update(@PathVariable String id,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody UpdateProductRequest patch, CurrentUser user) {
        return withETag(ResponseEntity.ok(), catalog.update(id, patch, ifMatch, user));
    }

    @DeleteMapping("/products/{id}")
    @Operation(summary = "Archive a product (seller only)",
        description = "The product stays readable by id and can be relisted with PATCH `status: ACTIVE`.")
    ResponseEntity<ProductResponse> archive(@PathVariable String id,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                            CurrentUser user) {
        return withETag(ResponseEntity.ok(), catalog.archive(id, ifMatch, user));
    }

    private static ResponseEntity<ProductResponse> withETag(ResponseEntity.BodyBuilder response, ProductResponse product) {
        return response.eTag(ETags.of(product.version())).body(product);
    }
}
