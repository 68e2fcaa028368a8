package io.thriftstore.consumer.insights;

import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.web.NotFoundException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Seller insights: the caller's own figures only. */
@RestController
class InsightsController {

    private final Insights insights;

    InsightsController(Insights insights) {
        this.insights = insights;
    }

    @GetMapping("/api/insights/sellers/me")
    SellerInsights mine(CurrentUser seller) {
        return insights.ofSeller(seller.id());
    }

    /** 404 for a product the caller does not sell: others may not learn that it has figures. */
    @GetMapping("/api/insights/products/{id}")
    ProductInsights product(@PathVariable String id, CurrentUser caller) {
        return insights.ofProduct(id, caller.id())
                .orElseThrow(() -> new NotFoundException("No insights for product " + id));
    }
}
