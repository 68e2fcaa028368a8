package io.thriftstore.order.catalog;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.thriftstore.platform.productclient.HoldLine;
import io.thriftstore.platform.productclient.HoldRefusedException;
import io.thriftstore.platform.productclient.ProductClient;
import io.thriftstore.platform.productclient.ProductServiceUnavailableException;
import io.thriftstore.platform.productclient.StockHold;
import io.thriftstore.platform.web.BadRequestException;
import io.thriftstore.platform.web.ConflictException;
import io.thriftstore.platform.web.ForbiddenException;
import io.thriftstore.platform.web.NotFoundException;
import io.thriftstore.platform.web.ServiceUnavailableException;

/**
 * Holds an order's stock at product-service (product-client's {@link ProductClient#hold}: timeouts, retries,
 * breaker) and says what its answer means to the buyer: a refusal becomes {@link SoldOutException} (409 sold-out),
 * 404 unknown, 409 archived, 403 own product or 400 several sellers; no answer becomes 503 + Retry-After.
 */
@Component
public class CatalogHolds {

    private static final Logger log = LoggerFactory.getLogger(CatalogHolds.class);
    private static final String NOT_RESERVED = "Items cannot be reserved right now; please try again shortly. "
        + "Nothing was ordered.";

    private final ProductClient products;

    CatalogHolds(ProductClient products) {
        this.products = products;
    }

    /** Holds the stock of the whole order for {@code orderId}, or none. */
    public StockHold hold(String orderId, String buyerId, List<HoldLine> lines) {
        try {
            return products.hold(orderId, buyerId, lines);
        }
        catch (HoldRefusedException refused) {
            throw answer(refused, orderId);
        }
        catch (ProductServiceUnavailableException down) {
            throw unavailable(down);
        }
    }

    private RuntimeException answer(HoldRefusedException refusal, String orderId) {
        String detail = refusal.detail();
        return switch (refusal.reason() == null ? "" : refusal.reason()) {
            case "OUT_OF_STOCK" -> new SoldOutException(detail, refusal.items().stream()
                .map(item -> new SoldOutException.Item(item.productId(), item.name(), item.requested(), item.available()))
                .toList());
            case "PRODUCT_NOT_FOUND" -> new NotFoundException(detail);
            case "PRODUCT_ARCHIVED", "HOLD_ENDED" -> new ConflictException(detail);
            case "OWN_PRODUCT" -> new ForbiddenException(detail);
            case "SEVERAL_SELLERS" -> new BadRequestException("items", "must all come from one seller");
            default -> {
                // Not the buyer's doing: a wrong service key, or a request product-service does not understand.
                log.error("product-service refused the hold of order {} ({} {}): {}", orderId, refusal.status(),
                    refusal.reason(), detail);
                yield new ServiceUnavailableException(NOT_RESERVED, products.retryAfter());
            }
        };
    }

    private static ServiceUnavailableException unavailable(ProductServiceUnavailableException down) {
        return new ServiceUnavailableException(NOT_RESERVED, down.retryAfter());
    }
}
