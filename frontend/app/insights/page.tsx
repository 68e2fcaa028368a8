"use client";

import Link from "next/link";
import { SellerReviews, Stars } from "@/components/Reviews";
import { ErrorBox, Loading, RequireAuth } from "@/components/states";
import { useApi, useLoad } from "@/lib/api";
import { useSession } from "@/lib/auth";
import { label, money } from "@/lib/format";
import type { SellerInsights } from "@/lib/types";

export default function InsightsPage() {
  return (
    <RequireAuth what="your seller insights">
      <Insights />
    </RequireAuth>
  );
}

function Insights() {
  const api = useApi();
  const { user } = useSession();
  const insights = useLoad("insights", () => api<SellerInsights>("insights", "/api/insights/sellers/me"));
  if (insights.error) return <ErrorBox error={insights.error} retry={insights.reload} />;
  if (!insights.data) return <Loading what="Loading insights" />;
  const i = insights.data;
  const rating = i.rating ?? { average: null, count: 0 };
  return (
    <>
      <h1>Seller insights</h1>
      <div className="stats">
        <div className="card stat">
          <strong data-testid="items-sold">{i.itemsSold}</strong>items sold (delivered)
        </div>
        <div className="card stat">
          <strong>{money(i.revenue)}</strong>revenue (delivered)
        </div>
        <div className="card stat">
          <strong>{i.wishlistAdds}</strong>wishlist adds
        </div>
        <div className="card stat" data-testid="insights-rating">
          <strong>{rating.average === null ? "–" : rating.average.toFixed(1)}</strong>
          {rating.average === null ? null : <Stars value={rating.average} />} rating ({rating.count} review{rating.count === 1 ? "" : "s"})
        </div>
        {Object.entries(i.ordersByStatus).map(([status, n]) => (
          <div key={status} className="card stat">
            <strong>{n}</strong>
            {label(status).toLowerCase()} orders
          </div>
        ))}
      </div>
      <h2>Top items</h2>
      {i.topProducts.length === 0 ? (
        <p className="muted">No sales or wishes yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Item</th>
              <th>Sold</th>
              <th>Wishlist adds</th>
            </tr>
          </thead>
          <tbody>
            {i.topProducts.map((p) => (
              <tr key={p.productId}>
                <td>
                  <Link href={`/products/${p.productId}`}>{p.name}</Link>
                </td>
                <td>{p.itemsSold}</td>
                <td>{p.wishlistAdds}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Reviews</h2>
      {user ? <SellerReviews sellerId={user.id} /> : null}
    </>
  );
}
