package io.thriftstore.order.order;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import jakarta.persistence.LockModeType;

interface OrderRepository extends JpaRepository<Order, UUID> {

    Page<Order> findByBuyerId(String buyerId, Pageable pageable);

    Page<Order> findByBuyerIdAndStatus(String buyerId, OrderStatus status, Pageable pageable);

    Page<Order> findBySellerId(String sellerId, Pageable pageable);

    Page<Order> findBySellerIdAndStatus(String sellerId, OrderStatus status, Pageable pageable);

    /** The order with its row locked until commit: writers of one order take turns. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select o from Order o where o.id = :id")
    Optional<Order> findForUpdate(UUID id);

    /**
     * PENDING orders placed before {@code cutoff}, locked; rows another instance holds are skipped, so several
     * instances share the work without waiting for each other or touching an order twice.
     */
    @Query(nativeQuery = true, value = """
        SELECT * FROM orders WHERE status = 'PENDING' AND created_at < :cutoff
        ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
    List<Order> lockPendingPlacedBefore(Instant cutoff, int limit);
}
