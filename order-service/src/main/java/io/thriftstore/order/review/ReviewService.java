package io.thriftstore.order.review;

import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;

/**
 * Reading a seller's reputation. Any seller id is valid: one nobody has reviewed has count 0 and no reviews (there is
 * no user directory to say it does not exist). Writing a review is the order's business ({@code OrderService}); this
 * side only reads {@link SellerReviews}, so {@link ReviewController} maps HTTP and nothing else.
 */
@Service
class ReviewService {

    private final SellerReviews reviews;

    ReviewService(SellerReviews reviews) {
        this.reviews = reviews;
    }

    SellerRating rating(String sellerId) {
        return reviews.rating(sellerId);
    }

    /** Newest first; {@code size} is already capped by the caller's paging rules. */
    Page<ReviewResponse> reviews(String sellerId, int page, int size) {
        return reviews.reviews(sellerId, page, size);
    }
}
