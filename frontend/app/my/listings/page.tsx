"use client";

import Link from "next/link";
import { useState } from "react";
import { ProductCard } from "@/components/ProductCard";
import { Empty, ErrorBox, Loading, RequireAuth } from "@/components/states";
import { useApi, useLoad } from "@/lib/api";
import { useSession } from "@/lib/auth";
import { label } from "@/lib/format";
import type { Page, ProductCardData, ProductStatus } from "@/lib/types";

const TABS: ProductStatus[] = ["ACTIVE", "SOLD_OUT", "ARCHIVED"];

export default function MyListingsPage() {
  return (
    <RequireAuth what="your listings">
      <MyListings />
    </RequireAuth>
  );
}

function MyListings() {
  const api = useApi();
  const { user } = useSession();
  const [status, setStatus] = useState<ProductStatus>("ACTIVE");
  const listings = useLoad(`mine:${user!.id}:${status}`, () =>
    api<Page<ProductCardData>>("products", `/api/products?sellerId=${encodeURIComponent(user!.id)}&status=${status}&size=100&view=card`),
  );
  return (
    <>
      <div className="row">
        <h1>My listings</h1>
        <Link className="button" href="/sell">
          Sell an item
        </Link>
      </div>
      <div className="tabs" role="tablist">
        {TABS.map((t) => (
          <button key={t} role="tab" aria-selected={t === status} className={t === status ? "on" : ""} onClick={() => setStatus(t)}>
            {label(t)}
          </button>
        ))}
      </div>
      {listings.error ? <ErrorBox error={listings.error} retry={listings.reload} /> : null}
      {listings.loading ? <Loading /> : null}
      {!listings.loading && listings.data?.content.length === 0 ? <Empty>Nothing {label(status).toLowerCase()} here.</Empty> : null}
      {!listings.loading && listings.data?.content.length ? (
        <div className="grid">
          {listings.data.content.map((p) => (
            <ProductCard key={p.id} product={p} />
          ))}
        </div>
      ) : null}
    </>
  );
}
