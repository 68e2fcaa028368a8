package io.thriftstore.order.order;

import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.thriftstore.order.catalog.CatalogHolds;
import io.thriftstore.order.review.ReviewRequest;
import io.thriftstore.order.review.ReviewResponse;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.events.OrderEvent;
import io.thriftstore.platform.outbox.Outbox;
import io.thriftstore.platform.productclient.HoldLine;
import io.thriftstore.platform.productclient.StockHold;
import io.thriftstore.platform.web.BadRequestException;
import io.thriftstore.platform.web.ConflictException;
import io.thriftstore.platform.web.ETags;
import io.thriftstore.platform.web.ForbiddenException;
import io.thriftstore.platform.web.NotFoundException;
import io.thriftstore.platform.web.ServiceUnavailableException;
import io.thriftstore.platform.web.UnprocessableException;

/**
 * Places orders and moves them through {@link OrderStatus}. Every change writes its order event through the
 * outbox in the same transaction, after the order row is locked or version-checked, so the events of one
 * order are appended in commit order.
 */
@Service
public class OrderService {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);

    /** Reason of an order that stayed PENDING too long. */
    public static final String TIMEOUT = "TIMEOUT";

    /** A hold this close to expiring is not committed: the commit must land well before product-service releases it. */
    private static final Duration COMMIT_MARGIN = Duration.ofSeconds(5);

    private final OrderRepository orders;
    private final IdempotencyKeys idempotencyKeys;
    private final CatalogHolds catalog;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final String currency;

    OrderService(OrderRepository orders, IdempotencyKeys idempotencyKeys, CatalogHolds catalog, Outbox outbox,
                 TransactionTemplate transaction, @Value("${thriftstore.currency:USD}") String currency) {
        this.orders = orders;
        this.idempotencyKeys = idempotencyKeys;
        this.catalog = catalog;
        this.outbox = outbox;
        this.transaction = transaction;
        this.currency = currency;
    }

    record Placed(OrderResponse order, boolean created) {
    }

    /**
     * Places an order in one step (DESIGN section 6, flow 1): product-service holds the stock of the whole order
     * for its id and answers the names, prices and seller; then the order is committed CONFIRMED, with
     * order.created and order.confirmed in the outbox, in one transaction. With an Idempotency-Key, a repeat of the
     * same request returns the first order. The hold is made before the transaction opens, so no database
     * connection waits on product-service; if the commit fails, nothing confirms the hold and product-service
     * gives the stock back when it expires.
     */
    Placed place(CurrentUser buyer, PlaceOrderRequest request, String idempotencyKey) {
        String hash = IdempotencyKeys.hash(request);
        if (idempotencyKey != null) {
            Optional<Placed> repeat = idempotencyKeys.find(buyer.id(), idempotencyKey).map(recorded -> repeat(recorded, hash));
            if (repeat.isPresent()) {
                return repeat.get();
            }
        }
        // With a key, the order id follows from it: a concurrent twin, or a retry after a failed commit, asks for
        // the same hold (idempotent by order id) instead of taking the stock a second time.
        UUID orderId = idempotencyKey == null ? UUID.randomUUID()
            : UUID.nameUUIDFromBytes((buyer.id() + '\u0000' + idempotencyKey).getBytes(StandardCharsets.UTF_8));
        Order order = newOrder(orderId, buyer, request);
        Placed placed = transaction.execute(status -> {
            if (idempotencyKey != null) {
                // Recorded first, against the unique key: a concurrent twin waits here and then finds this row.
                Optional<IdempotencyKeys.Recorded> earlier =
                    idempotencyKeys.recordOrFind(buyer.id(), idempotencyKey, hash, order.id());
                if (earlier.isPresent()) {
                    return repeat(earlier.get(), hash);
                }
            }
            OrderEvent created = OrderResponse.event(order, null, buyer.id());
            // The stock is held: confirmed at once, by the platform, and written once (one row, its lines, its two
            // history entries) with order.created and order.confirmed beside it.
            OrderStatus previous = order.moveTo(OrderStatus.CONFIRMED, null, OrderEvent.SYSTEM_ACTOR);
            orders.insert(order);
            outbox.append(OrderStatus.PENDING.event(), created);
            outbox.append(OrderStatus.CONFIRMED.event(), OrderResponse.event(order, previous, OrderEvent.SYSTEM_ACTOR));
            return new Placed(OrderResponse.of(order), true);
        });
        if (placed.created()) {
            // One line per order, with the request's trace id (structured logs): where an order's trace starts.
            log.info("Order {} placed: {} item(s) from seller {}, {}", order.id(), order.items().size(),
                order.sellerId(), placed.order().status());
        }
        return placed;
    }

    private Placed repeat(IdempotencyKeys.Recorded recorded, String hash) {
        if (!recorded.requestHash().equals(hash)) {
            throw new UnprocessableException("This Idempotency-Key was already used with a different request.");
        }
        Order order = orders.findById(recorded.orderId()).orElseThrow();
        return new Placed(OrderResponse.of(order), false);
    }

    private Order newOrder(UUID orderId, CurrentUser buyer, PlaceOrderRequest request) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.items().size(); i++) {
            if (!seen.add(request.items().get(i).productId())) {
                throw new BadRequestException("items[" + i + "].productId", "is listed more than once");
            }
        }
        StockHold hold = catalog.hold(orderId.toString(), buyer.id(), request.items().stream()
            .map(item -> new HoldLine(item.productId(), item.quantity())).toList());
        if (!currency.equals(hold.currency())) {
            // product-service keeps one platform currency too: only a misconfiguration gets here.
            throw new ConflictException("These items are priced in " + hold.currency() + ", orders are in " + currency + ".");
        }
        Map<String, StockHold.Item> held = new HashMap<>();
        hold.items().forEach(item -> held.put(item.productId(), item));
        List<OrderItem> items = new ArrayList<>();
        for (PlaceOrderRequest.Item item : request.items()) {
            StockHold.Item product = held.get(item.productId());
            if (product == null || product.quantity() != item.quantity() || held.size() != request.items().size()) {
                // The hold of this order id is for other items: the same Idempotency-Key came with another body.
                throw new UnprocessableException("This Idempotency-Key was already used with a different request.");
            }
            // Money has two decimals everywhere: what we answer now equals what the NUMERIC(14,2) column gives back.
            items.add(new OrderItem(product.productId(), product.name(), product.price().setScale(2, RoundingMode.HALF_EVEN),
                item.quantity()));
        }
        if (hold.expiresAt() != null && !Instant.now().plus(COMMIT_MARGIN).isBefore(hold.expiresAt())) {
            // Committing now could confirm an order whose stock product-service is about to give back.
            throw new ServiceUnavailableException("Reserving the items took too long; please try again.");
        }
        return Order.place(orderId, buyer.id(), buyer.name(), hold.sellerId(), hold.sellerName(), items, currency);
    }

    // Repeatable read: the order's row, lines and history are three queries, and all three see one snapshot.
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    OrderResponse get(String id, CurrentUser user) {
        return parse(id).flatMap(orders::findById)
            .filter(order -> order.roleOf(user.id()) != null)
            .map(OrderResponse::of)
            .orElseThrow(() -> notFound(id));
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    Page<OrderResponse> list(CurrentUser user, Role role, OrderStatus status, int page, int size) {
        return orders.findByParty(role, user.id(), status, PageRequest.of(page, size)).map(OrderResponse::of);
    }

    /**
     * A buyer's or seller's transition. The row is locked first, so concurrent requests take turns and each
     * sees the state the previous one left: a stale If-Match is 412, a transition no longer possible 409.
     */
    @Transactional
    OrderResponse changeStatus(String id, CurrentUser user, ChangeStatusRequest request, String ifMatch) {
        Order order = parse(id).flatMap(orders::findForUpdate).orElseThrow(() -> notFound(id));
        Role role = order.roleOf(user.id());
        if (role == null) {
            throw notFound(id);
        }
        ETags.checkIfMatch(ifMatch, order.version());
        OrderStatus target = request.status();
        if (!OrderStatus.mayEverMoveTo(target, role)) {
            throw new ForbiddenException("The " + role.name().toLowerCase() + " of an order cannot set it to " + target + ".");
        }
        if (!order.status().canMoveTo(target, role)) {
            throw new ConflictException("The order is " + order.status() + "; it cannot become " + target + ".");
        }
        return OrderResponse.of(move(order, target, request.reason(), user.id()));
    }

    /**
     * The buyer's review of a delivered order, once (DESIGN "reviews (order-service)"): anyone but the buyer gets
     * 404, an order not yet delivered or already reviewed 409. The row is locked first, so of two concurrent
     * reviews one is stored and the other sees it (409). order.reviewed, with the full order and the review, goes
     * into the outbox in the same transaction.
     */
    @Transactional
    ReviewResponse review(String id, CurrentUser user, ReviewRequest request) {
        Order order = parse(id).flatMap(orders::findForUpdate)
            .filter(found -> found.roleOf(user.id()) == Role.BUYER)
            .orElseThrow(() -> notFound(id));
        if (order.status() != OrderStatus.DELIVERED) {
            throw new ConflictException("The order is " + order.status() + "; it can be reviewed once it is delivered.");
        }
        if (order.reviewed()) {
            throw new ConflictException("This order has already been reviewed.");
        }
        order.review(request.rating(), request.trimmedComment());
        orders.updateReviewed(order);
        outbox.append(EventType.ORDER_REVIEWED, OrderResponse.event(order, order.status(), user.id()));
        return OrderResponse.reviewOf(order);
    }

    /** Rejects with reason TIMEOUT up to {@code limit} orders still PENDING that were placed before {@code cutoff}. */
    @Transactional
    public int rejectPendingPlacedBefore(Instant cutoff, int limit) {
        List<Order> due = orders.lockPendingPlacedBefore(cutoff, limit);
        due.forEach(order -> move(order, OrderStatus.REJECTED, TIMEOUT, OrderEvent.SYSTEM_ACTOR));
        return due.size();
    }

    private Order move(Order order, OrderStatus target, String reason, String actorId) {
        OrderStatus previous = order.moveTo(target, reason, actorId);
        // The new version (the event carries it) is written before the event is appended.
        orders.updateMoved(order);
        outbox.append(target.event(), OrderResponse.event(order, previous, actorId));
        return order;
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        }
        catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("Order " + id + " does not exist.");
    }
}
