package io.thriftstore.platform.web.testapp;

import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.web.BadRequestException;
import io.thriftstore.platform.web.ConflictException;
import io.thriftstore.platform.web.ETags;
import io.thriftstore.platform.web.ForbiddenException;
import io.thriftstore.platform.web.NotFoundException;
import io.thriftstore.platform.web.ServiceUnavailableException;
import io.thriftstore.platform.web.UnprocessableException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Controller
@ResponseBody
class SampleController {

    static final long ITEM_VERSION = 3;

    enum Condition { NEW, LIKE_NEW, GOOD, FAIR }

    record ItemRequest(@NotBlank @Size(max = 20) String name, @NotNull @Positive BigDecimal price,
                       @Min(1) int quantity, Condition condition) {
    }

    record Item(long id, String sellerId, String sellerName, String name, BigDecimal price, int quantity, long version) {
    }

    @GetMapping("/api/me")
    CurrentUser me(CurrentUser user) {
        return user;
    }

    @GetMapping("/api/public/whoami")
    Map<String, Object> whoami(Optional<CurrentUser> user) {
        return Map.of("anonymous", user.isEmpty(), "id", user.map(CurrentUser::id).orElse(""));
    }

    @GetMapping("/api/public/held")
    String held() throws InterruptedException {
        Gate.HELD.pass();
        return "passed";
    }

    @PostMapping("/api/public/bulk")
    List<Long> bulk(@RequestBody List<Long> ids) {
        return ids;
    }

    @PostMapping("/api/items")
    ResponseEntity<Item> create(@Valid @RequestBody ItemRequest request, CurrentUser seller) {
        Item item = new Item(1, seller.id(), seller.name(), request.name(), request.price(), request.quantity(), 0);
        return ResponseEntity.created(URI.create("/api/items/1")).eTag(ETags.of(item.version())).body(item);
    }

    @GetMapping("/api/items/{id}")
    ResponseEntity<Item> item(@PathVariable long id) {
        if (id != 1) {
            throw new NotFoundException("No item " + id + ".");
        }
        return ResponseEntity.ok().eTag(ETags.of(ITEM_VERSION))
            .body(new Item(1, "user_seller", "Seller", "Lamp", BigDecimal.TEN, 1, ITEM_VERSION));
    }

    @PutMapping("/api/items/{id}")
    ResponseEntity<Item> replace(@PathVariable long id, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                 @Valid @RequestBody ItemRequest request, CurrentUser seller) {
        ETags.checkIfMatch(ifMatch, ITEM_VERSION);
        return ResponseEntity.ok().eTag(ETags.of(ITEM_VERSION + 1))
            .body(new Item(id, seller.id(), seller.name(), request.name(), request.price(), request.quantity(), ITEM_VERSION + 1));
    }

    @DeleteMapping("/api/items/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/search")
    List<String> search(@RequestParam String q, @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return List.of(q);
    }

    @PostMapping("/api/currency")
    void currency(@RequestParam String currency) {
        throw new BadRequestException("currency", "must be USD");
    }

    @PostMapping("/api/forbidden")
    void forbidden() {
        throw new ForbiddenException("Only the seller may change this item.");
    }

    @PostMapping("/api/conflict")
    void conflict() {
        throw new ConflictException("A shipped order cannot be cancelled.");
    }

    @PostMapping("/api/unprocessable")
    void unprocessable() {
        throw new UnprocessableException("This Idempotency-Key was used with a different body.");
    }

    @GetMapping("/api/unavailable")
    void unavailable() {
        throw new ServiceUnavailableException("product-service is unavailable; try again shortly.");
    }

    /** What a repository throws while its database refuses connections. */
    @GetMapping("/api/store-down")
    void storeDown() {
        throw new org.springframework.dao.DataAccessResourceFailureException("Unable to acquire JDBC Connection",
            new java.sql.SQLException("Connection to localhost:5432 refused", "08001"));
    }

    @GetMapping("/api/boom")
    void boom() {
        throw new IllegalStateException("secret internal detail: jdbc:postgresql://db/orders");
    }

    @GetMapping("/api/send-error")
    void sendError(HttpServletResponse response) throws IOException {
        response.sendError(409);
    }
}
