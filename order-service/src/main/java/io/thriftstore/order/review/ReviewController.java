package io.thriftstore.order.review;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.web.PagedModel;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.thriftstore.platform.auth.PublicEndpoints;
import io.thriftstore.platform.web.Paging;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * A seller's public rating and reviews: anyone may read them, signed in or not. Any seller id is valid; one
 * nobody has reviewed has count 0 and no reviews (there is no user directory to say it does not exist).
 * Writing a review is {@code POST /api/orders/{id}/review} (OrderController).
 */
@RestController
@RequestMapping("/api/sellers/{sellerId}")
@Validated
class ReviewController {

    private final ReviewService reviews;

    ReviewController(ReviewService reviews) {
        this.reviews = reviews;
    }

    @GetMapping("/rating")
    SellerRating rating(@PathVariable String sellerId) {
        return reviews.rating(sellerId);
    }

    @GetMapping("/reviews")
    PagedModel<ReviewResponse> reviews(@PathVariable String sellerId,
                                       @RequestParam(defaultValue = "0") @Min(0) @Max(Paging.MAX_PAGE) int page,
                                       @RequestParam(defaultValue = "20") @Min(1) int size) {
        return new PagedModel<>(reviews.reviews(sellerId, page, Paging.size(size)));
    }

    @Configuration(proxyBeanMethods = false)
    static class Public {

        @Bean
        PublicEndpoints publicSellerReviews() {
            return PublicEndpoints.get("/api/sellers/*/rating", "/api/sellers/*/reviews");
        }
    }
}
