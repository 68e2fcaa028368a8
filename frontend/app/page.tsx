"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { Suspense, useState } from "react";
import { ProductCard } from "@/components/ProductCard";
import { SaveSearch } from "@/components/SaveSearch";
import { Empty, ErrorBox, Loading } from "@/components/states";
import { useApi, useLoad } from "@/lib/api";
import { label } from "@/lib/format";
import type { Page, ProductCardData } from "@/lib/types";

const SORTS = [
  ["newest", "Newest first"],
  ["price_asc", "Price: low to high"],
  ["price_desc", "Price: high to low"],
] as const;

export default function BrowsePage() {
  return (
    <Suspense fallback={<Loading />}>
      <Browse />
    </Suspense>
  );
}

function Browse() {
  const api = useApi();
  const router = useRouter();
  const params = useSearchParams();
  const query = params.toString();
  const [q, setQ] = useState(params.get("q") ?? "");
  const [minPrice, setMinPrice] = useState(params.get("minPrice") ?? "");
  const [maxPrice, setMaxPrice] = useState(params.get("maxPrice") ?? "");

  const categories = useLoad("categories", () => api<string[]>("products", "/api/categories", { auth: false }));
  const products = useLoad(`products?${query}`, () => {
    const search = new URLSearchParams(query);
    search.set("size", "12");
    search.set("view", "card");
    return api<Page<ProductCardData>>("products", `/api/products?${search}`, { auth: false });
  });

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(query);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!("page" in changes)) next.delete("page");
    router.push(`/?${next}`);
  };

  const page = products.data?.page;
  return (
    <>
      <h1>Browse</h1>
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          update({ q: q.trim(), minPrice, maxPrice });
        }}
      >
        <input aria-label="Search" placeholder="Search items" value={q} onChange={(e) => setQ(e.target.value)} />
        <select aria-label="Category" value={params.get("category") ?? ""} onChange={(e) => update({ category: e.target.value })}>
          <option value="">All categories</option>
          {(categories.data ?? []).map((c) => (
            <option key={c} value={c}>
              {label(c)}
            </option>
          ))}
        </select>
        <input aria-label="Minimum price" placeholder="Min $" inputMode="decimal" size={6} value={minPrice} onChange={(e) => setMinPrice(e.target.value)} />
        <input aria-label="Maximum price" placeholder="Max $" inputMode="decimal" size={6} value={maxPrice} onChange={(e) => setMaxPrice(e.target.value)} />
        <select aria-label="Sort" value={params.get("sort") ?? "newest"} onChange={(e) => update({ sort: e.target.value })}>
          {SORTS.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
        <button type="submit">Search</button>
      </form>
      <SaveSearch criteria={{ q: params.get("q") ?? "", category: params.get("category") ?? "", maxPrice: params.get("maxPrice") ?? "" }} />
      {products.error ? <ErrorBox error={products.error} retry={products.reload} /> : null}
      {products.loading && !products.data ? <Loading what="Loading items" /> : null}
      {products.data && products.data.content.length === 0 ? <Empty>No items match. Try a wider search.</Empty> : null}
      {products.data && products.data.content.length > 0 ? (
        <div className="grid">
          {products.data.content.map((p) => (
            <ProductCard key={p.id} product={p} />
          ))}
        </div>
      ) : null}
      {page && page.totalPages > 1 ? (
        <div className="pager">
          <button className="secondary" disabled={page.number === 0} onClick={() => update({ page: String(page.number - 1) })}>
            Previous
          </button>
          <span>
            Page {page.number + 1} of {page.totalPages}
          </span>
          <button className="secondary" disabled={page.number + 1 >= page.totalPages} onClick={() => update({ page: String(page.number + 1) })}>
            Next
          </button>
        </div>
      ) : null}
    </>
  );
}
