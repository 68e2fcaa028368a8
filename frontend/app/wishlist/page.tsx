"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Empty, ErrorBox, Loading, RequireAuth } from "@/components/states";
import { ApiError, useApi, useLoad } from "@/lib/api";
import { money, when } from "@/lib/format";
import type { Order, WishlistItem } from "@/lib/types";

export default function WishlistPage() {
  return (
    <RequireAuth what="your wishlist">
      <Wishlist />
    </RequireAuth>
  );
}

function Wishlist() {
  const api = useApi();
  const router = useRouter();
  const wishlist = useLoad("wishlist", () => api<{ items: WishlistItem[] }>("wishlist", "/api/wishlist"));
  const [error, setError] = useState<ApiError | null>(null);

  const remove = async (productId: string) => {
    try {
      await api("wishlist", `/api/wishlist/items/${productId}`, { method: "DELETE" });
      wishlist.setData((w) => w && { items: w.items.filter((i) => i.productId !== productId) });
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const buy = async (productId: string) => {
    try {
      const order = await api<Order>("orders", "/api/orders", {
        json: { items: [{ productId, quantity: 1 }] },
        headers: { "Idempotency-Key": crypto.randomUUID() },
      });
      router.push(`/orders/${order.id}?placed=1`);
    } catch (e) {
      const err = e as ApiError;
      setError(err instanceof ApiError && err.isSoldOut() ? new ApiError(409, "Sold out", err.detail, [], err.type) : err);
    }
  };

  return (
    <>
      <h1>My wishlist</h1>
      {error ? <ErrorBox error={error} /> : null}
      {wishlist.error ? <ErrorBox error={wishlist.error} retry={wishlist.reload} /> : null}
      {wishlist.loading && !wishlist.data ? <Loading /> : null}
      {wishlist.data?.items.length === 0 ? (
        <Empty>
          Nothing saved yet. <Link href="/">Browse items</Link>
        </Empty>
      ) : null}
      <div className="list">
        {wishlist.data?.items.map((item) => (
          <div key={item.productId} className="card row" data-testid="wishlist-item">
            <div>
              <Link href={`/products/${item.productId}`}>
                <strong>{item.name}</strong>
              </Link>
              <div className="muted small">
                {money(item.price, item.currency)} · added {when(item.addedAt)} ·{" "}
                {item.available === true ? "available" : item.available === false ? "not available" : "availability unknown"}
              </div>
            </div>
            <div className="actions">
              {item.available ? <button onClick={() => buy(item.productId)}>Buy</button> : null}
              <button className="secondary" onClick={() => remove(item.productId)}>
                Remove
              </button>
            </div>
          </div>
        ))}
      </div>
    </>
  );
}
