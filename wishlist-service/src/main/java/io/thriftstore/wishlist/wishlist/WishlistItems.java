package io.thriftstore.wishlist.wishlist;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

interface WishlistItems extends JpaRepository<WishlistItem, Long> {

    /**
     * Serialises the writes to one user's wishlist until the transaction ends: the item cap is then
     * exact, and the events of one key (the user) get outbox positions in commit order. The two-int
     * form keeps these locks apart from the outbox relay's single-key lock.
     */
    @Query(value = "SELECT 1 FROM pg_advisory_xact_lock(" + WishlistItems.LOCK_SPACE + ", hashtext(:userId))",
        nativeQuery = true)
    int lockWishlistOf(@Param("userId") String userId);

    /** 1 when the row was inserted, 0 when the product was already on the wishlist (the unique key decides). */
    @Modifying
    @Query(value = """
        INSERT INTO wishlist_item (user_id, product_id, product_name, price, currency, seller_id, added_at)
        VALUES (:userId, :productId, :name, :price, :currency, :sellerId, :addedAt)
        ON CONFLICT (user_id, product_id) DO NOTHING""", nativeQuery = true)
    int insertIfAbsent(@Param("userId") String userId, @Param("productId") String productId, @Param("name") String name,
                       @Param("price") BigDecimal price, @Param("currency") String currency,
                       @Param("sellerId") String sellerId, @Param("addedAt") Instant addedAt);

    Optional<WishlistItem> findByUserIdAndProductId(String userId, String productId);

    List<WishlistItem> findByUserIdOrderByAddedAtDescIdDesc(String userId);

    long countByUserId(String userId);

    /** Advisory-lock namespace of wishlists (any constant works; the port number is easy to recognise). */
    int LOCK_SPACE = 5011;
}
