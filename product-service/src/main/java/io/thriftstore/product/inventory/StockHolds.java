package io.thriftstore.product.inventory;

import io.thriftstore.product.catalog.Catalog;
import io.thriftstore.product.catalog.ProductResponse;
import io.thriftstore.product.catalog.ProductStatus;
import io.thriftstore.product.inventory.HoldRefused.Reason;
import io.thriftstore.product.inventory.Reservation.Line;
import io.thriftstore.product.inventory.Reservation.LineState;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Buy in one step (DESIGN section 6, flow 1): order-service holds the stock of a whole order, or none of it,
 * before it commits the order. The hold is the order's reservation ({@link Reservation}, {@code _id} = order id),
 * so asking again for the same order is the same hold and gets the same answer, and the stock is taken by the
 * same idempotent steps as any reservation ({@link StockReservations}). It expires after
 * {@code thriftstore.product.hold.timeout} unless order-events shows its order ({@link HoldExpiry}).
 * <p>
 * Refusals that the catalog can tell at once (unknown, archived, short, own or several sellers' products) hold
 * nothing and store nothing. Losing the race for the last items while taking is a REJECTED reservation, which
 * gives back what it took and answers the same refusal to a repeat.
 */
@Service
class StockHolds {

    private final Reservations reservations;
    private final StockReservations stock;
    private final Catalog catalog;
    private final Clock clock;
    private final HoldProperties properties;

    StockHolds(Reservations reservations, StockReservations stock, Catalog catalog, Clock clock, HoldProperties properties) {
        this.reservations = reservations;
        this.stock = stock;
        this.catalog = catalog;
        this.clock = clock;
        this.properties = properties;
    }

    HoldResponse hold(String orderId, HoldRequest request) {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        request.items().forEach(item -> quantities.merge(item.productId(), item.quantity(), Integer::sum));
        Checked checked;
        try {
            checked = check(request.buyerId(), quantities);
        }
        catch (HoldRefused refused) {
            // A repeat of a hold that took the last items sees them sold out now: it gets the first call's answer.
            Reservation earlier = reservations.find(orderId).orElseThrow(() -> refused);
            return repeat(earlier, request.buyerId());
        }
        List<Line> lines = new ArrayList<>();
        quantities.forEach((productId, quantity) -> lines.add(new Line(productId, quantity, LineState.PENDING, null)));
        Reservations.Opened opened = reservations.openHold(orderId, lines, clock.instant().plus(properties.timeout()),
            checked.hold());
        if (!opened.created()) {
            return repeat(opened.reservation(), request.buyerId());
        }
        // The usual case, in four store operations: read the products, open the hold, take each line, note it RESERVED.
        return answer(stock.reserveOpened(opened.reservation(), checked.products()), request.buyerId());
    }

    /** An earlier or concurrent twin's hold for the same order: finished here if a crash left it half-way, and answered. */
    private HoldResponse repeat(Reservation earlier, String buyerId) {
        stock.complete(earlier);
        return answer(reservations.get(earlier.orderId()), buyerId);
    }

    /** What the check read: the hold to keep, and the products by id as they were. */
    private record Checked(Reservation.Hold hold, Map<String, ProductResponse> products) {
    }

    /** What the catalog can refuse before anything is taken; otherwise the names, prices and seller to keep. */
    private Checked check(String buyerId, Map<String, Integer> quantities) {
        Map<String, ProductResponse> found = catalog.findAll(List.copyOf(quantities.keySet())).stream()
            .collect(Collectors.toMap(ProductResponse::id, Function.identity()));
        List<HoldRefused.Item> unknown = quantities.keySet().stream().filter(id -> !found.containsKey(id))
            .map(id -> new HoldRefused.Item(id, null, null, null)).toList();
        if (!unknown.isEmpty()) {
            throw new HoldRefused(Reason.PRODUCT_NOT_FOUND, "Product " + unknown.get(0).productId() + " does not exist.", unknown);
        }
        List<ProductResponse> products = quantities.keySet().stream().map(found::get).toList();
        ProductResponse first = products.get(0);
        if (products.stream().anyMatch(product -> !product.sellerId().equals(first.sellerId()))) {
            throw new HoldRefused(Reason.SEVERAL_SELLERS, "An order's items must all come from one seller.", items(products));
        }
        if (first.sellerId().equals(buyerId)) {
            throw new HoldRefused(Reason.OWN_PRODUCT, "You cannot order your own products.", items(products));
        }
        List<ProductResponse> archived = products.stream().filter(p -> p.status() == ProductStatus.ARCHIVED).toList();
        if (!archived.isEmpty()) {
            throw new HoldRefused(Reason.PRODUCT_ARCHIVED, "'" + archived.get(0).name() + "' is no longer for sale.",
                items(archived));
        }
        List<HoldRefused.Item> shortOnes = products.stream().filter(p -> p.quantity() < quantities.get(p.id()))
            .map(p -> new HoldRefused.Item(p.id(), p.name(), quantities.get(p.id()), p.quantity())).toList();
        if (!shortOnes.isEmpty()) {
            throw soldOut(shortOnes);
        }
        return new Checked(new Reservation.Hold(buyerId, first.sellerId(), first.sellerName(), first.currency(),
            products.stream().map(p -> new Reservation.HeldItem(p.id(), p.name(), p.price())).toList()), found);
    }

    private HoldResponse answer(Reservation reservation, String buyerId) {
        Reservation.Hold hold = reservation.hold();
        if (hold == null || !hold.buyerId().equals(buyerId)) {
            // An order id order-service never held for this buyer: not ours to show.
            throw new HoldRefused(Reason.HOLD_ENDED, "Order " + reservation.orderId() + " cannot hold stock any more.", List.of());
        }
        Map<String, Reservation.HeldItem> held = hold.items().stream()
            .collect(Collectors.toMap(Reservation.HeldItem::productId, Function.identity()));
        return switch (reservation.state()) {
            case RESERVED, SETTLED -> new HoldResponse(reservation.orderId(), hold.buyerId(), hold.sellerId(),
                hold.sellerName(), hold.currency(), reservation.lines().stream().map(line -> new HoldResponse.Item(
                    line.productId(), held.get(line.productId()).name(), held.get(line.productId()).price(),
                    line.quantity(), line.remaining())).toList(),
                reservation.expiresAt());
            case REJECTED -> throw rejected(reservation, held);
            case RELEASING, RELEASED -> throw new HoldRefused(Reason.HOLD_ENDED,
                "The stock held for order " + reservation.orderId() + " has been given back; place the order again.", List.of());
            case RESERVING, REJECTING -> throw new IllegalStateException(
                "Hold " + reservation.orderId() + " still " + reservation.state() + " after completing it");
        };
    }

    /** The race for the last items was lost while taking: the lines never taken that had too little stock. */
    private static HoldRefused rejected(Reservation reservation, Map<String, Reservation.HeldItem> held) {
        List<Line> lines = reservation.lines();
        Reason reason = switch (reservation.reason() == null ? "" : reservation.reason()) {
            case "PRODUCT_ARCHIVED" -> Reason.PRODUCT_ARCHIVED;
            case "PRODUCT_NOT_FOUND" -> Reason.PRODUCT_NOT_FOUND;
            default -> Reason.OUT_OF_STOCK;
        };
        List<HoldRefused.Item> items = lines.stream()
            .filter(line -> line.state() == LineState.PENDING && line.remaining() != null && line.remaining() < line.quantity())
            .map(line -> new HoldRefused.Item(line.productId(), held.get(line.productId()).name(), line.quantity(), line.remaining()))
            .toList();
        if (reason != Reason.OUT_OF_STOCK) {
            String name = items.isEmpty() ? "An item" : "'" + items.get(0).name() + "'";
            return new HoldRefused(reason, name + " is no longer for sale.", items);
        }
        return soldOut(items);
    }

    private static HoldRefused soldOut(List<HoldRefused.Item> items) {
        String names = items.stream()
            .map(item -> "'" + item.name() + "' (" + item.available() + " left, " + item.requested() + " asked for)")
            .collect(Collectors.joining(", "));
        return new HoldRefused(Reason.OUT_OF_STOCK, "Sold out: " + (names.isEmpty() ? "an item of this order" : names) + ".", items);
    }

    private static List<HoldRefused.Item> items(List<ProductResponse> products) {
        return products.stream().map(p -> new HoldRefused.Item(p.id(), p.name(), null, null)).toList();
    }
}
