package io.thriftstore.consumer.order;

import java.util.ArrayList;
import java.util.List;

import io.thriftstore.consumer.notify.Notice;
import io.thriftstore.consumer.notify.NotificationType;
import io.thriftstore.consumer.notify.Wording;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.OrderEvent;

/** Who hears about an order event, and in which words (DESIGN section 6). */
final class OrderNotices {

    private OrderNotices() {
    }

    static List<Notice> of(EventType type, OrderEvent order) {
        String link = "/orders/" + order.id();
        String items = items(order);
        String buyer = Wording.person(order.buyerName(), "A buyer");
        String seller = Wording.person(order.sellerName(), "the seller");
        String total = Wording.money(order.total(), order.currency());
        List<Notice> notices = new ArrayList<>();
        switch (type) {
            case ORDER_CONFIRMED -> {
                notices.add(new Notice(order.sellerId(), NotificationType.ORDER_RECEIVED,
                        "New order from " + buyer, buyer + " ordered " + items + " (" + total + ").", link));
                notices.add(new Notice(order.buyerId(), NotificationType.ORDER_CONFIRMED,
                        "Order confirmed", "Your order of " + items + " from " + seller + " is confirmed (" + total + ").", link));
            }
            case ORDER_REJECTED -> notices.add(new Notice(order.buyerId(), NotificationType.ORDER_REJECTED,
                    "Order not accepted", "Your order of " + items + " from " + seller + " could not be accepted"
                            + because(order.reason()) + ".", link));
            case ORDER_SHIPPED -> notices.add(new Notice(order.buyerId(), NotificationType.ORDER_SHIPPED,
                    "Order shipped", seller + " shipped your order of " + items + ".", link));
            case ORDER_DELIVERED -> {
                notices.add(new Notice(order.buyerId(), NotificationType.ORDER_DELIVERED,
                        "Order delivered", "Your order of " + items + " from " + seller + " was delivered.", link));
                notices.add(new Notice(order.sellerId(), NotificationType.ORDER_DELIVERED,
                        "Order delivered", "Your sale of " + items + " to " + buyer + " was delivered (" + total + ").", link));
            }
            case ORDER_CANCELLED -> {
                // The party that cancelled knows; the other one is told. A cancellation by anyone else
                // (an operator, the platform) is news to both.
                boolean byBuyer = order.buyerId().equals(order.actorId());
                boolean bySeller = order.sellerId().equals(order.actorId());
                String note = order.reason() == null || order.reason().isBlank() ? "" : " Reason: " + order.reason();
                if (!byBuyer) {
                    notices.add(new Notice(order.buyerId(), NotificationType.ORDER_CANCELLED, "Order cancelled",
                            (bySeller ? seller + " cancelled your order of " + items + "."
                                    : "Your order of " + items + " from " + seller + " was cancelled.") + note, link));
                }
                if (!bySeller) {
                    notices.add(new Notice(order.sellerId(), NotificationType.ORDER_CANCELLED, "Order cancelled",
                            (byBuyer ? buyer + " cancelled their order of " + items + "."
                                    : "The order of " + items + " by " + buyer + " was cancelled.") + note, link));
                }
            }
            case ORDER_REVIEWED -> {
                if (order.review() != null) {
                    notices.add(reviewReceived(order, buyer, link));
                }
            }
            default -> {
                // order.created: insights only; the buyer placed it and the seller hears once it is confirmed.
            }
        }
        return notices;
    }

    /**
     * The seller hears the item and the stars (the buyer's display name too: reviews are public and show it),
     * never an id. The comment is quoted on one line, shortened like a chat preview.
     */
    private static Notice reviewReceived(OrderEvent order, String buyer, String link) {
        OrderEvent.Review review = order.review();
        String item = review.productName() == null || review.productName().isBlank() ? items(order) : review.productName();
        String stars = review.rating() + (review.rating() == 1 ? " star" : " stars");
        String comment = review.comment() == null || review.comment().isBlank() ? ""
                : ": \u201c" + Wording.preview(review.comment()) + "\u201d";
        return new Notice(order.sellerId(), NotificationType.REVIEW_RECEIVED,
                "New review: " + stars + " for " + item, buyer + " rated " + item + " " + stars + comment + ".", link);
    }

    /** "Vintage lamp", "2 × Vintage lamp", "Vintage lamp and 2 more items". */
    static String items(OrderEvent order) {
        if (order.items().isEmpty()) {
            return "your items";
        }
        OrderEvent.Item first = order.items().get(0);
        String head = first.quantity() > 1 ? first.quantity() + " × " + first.name() : first.name();
        int others = order.items().size() - 1;
        return others == 0 ? head : head + " and " + others + " more item" + (others == 1 ? "" : "s");
    }

    private static String because(String reason) {
        if (reason == null || reason.isBlank()) {
            return "";
        }
        return switch (reason) {
            case "OUT_OF_STOCK" -> ": it is out of stock";
            case "PRODUCT_ARCHIVED" -> ": it is no longer for sale";
            case "PRODUCT_NOT_FOUND" -> ": it is no longer listed";
            case "TIMEOUT" -> ": it was not confirmed in time";
            case "INVALID_ORDER" -> ": the order was invalid";
            default -> " (" + reason + ")";
        };
    }
}
