"use client";

import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { ProductImage } from "@/components/ProductCard";
import { SellerRatingBadge } from "@/components/Reviews";
import { Empty, ErrorBox, Loading } from "@/components/states";
import { ApiError, useApi, useLoad } from "@/lib/api";
import { useSession } from "@/lib/auth";
import { label, money, when } from "@/lib/format";
import type { Conversation, Order, Product, WishlistItem } from "@/lib/types";

export default function ProductPage() {
  const { id } = useParams<{ id: string }>();
  const api = useApi();
  const { ready, user } = useSession();
  const product = useLoad(`product:${id}`, () => api<Product>("products", `/api/products/${id}`, { auth: false }));
  // Whether it is on my wishlist: only asked when signed in, so signed-out visits make no failing call.
  // Asked as a filtered list: "not on it" is an empty list, not a 404 the browser would log as an error.
  const wished = useLoad(ready && user ? `wished:${id}:${user.id}` : null, () =>
    api<{ items: WishlistItem[] }>("wishlist", `/api/wishlist?productId=${encodeURIComponent(id)}`).then((r) => r.items.length > 0),
  );
  const [image, setImage] = useState(0);

  if (product.error) {
    return product.error.status === 404 ? <Empty>This item does not exist.</Empty> : <ErrorBox error={product.error} retry={product.reload} />;
  }
  if (!product.data) return <Loading what="Loading item" />;
  const p = product.data;
  const mine = user?.id === p.sellerId;

  return (
    <div className="detail">
      <div className="gallery">
        <div className="main-image">
          <ProductImage url={p.imageUrls[image]} alt={p.name} />
        </div>
        {p.imageUrls.length > 1 ? (
          <div className="thumbs">
            {p.imageUrls.map((url, i) => (
              <button key={url} className={i === image ? "on" : ""} onClick={() => setImage(i)} aria-label={`Photo ${i + 1}`}>
                <ProductImage url={url} alt="" />
              </button>
            ))}
          </div>
        ) : null}
      </div>
      <div>
        <h1 data-testid="product-name">{p.name}</h1>
        <p className="price" data-testid="product-price">
          {money(p.price, p.currency)}
        </p>
        <p>
          <span className={`badge ${p.status}`} data-testid="product-status">
            {label(p.status)}
          </span>{" "}
          <span className="muted">
            {label(p.condition)} · {label(p.category)} · {p.quantity} in stock
          </span>
        </p>
        <p className="muted small seller-line">
          Sold by <span data-testid="seller-name">{p.sellerName}</span> <SellerRatingBadge sellerId={p.sellerId} /> · listed{" "}
          {when(p.createdAt)}
        </p>
        <p style={{ whiteSpace: "pre-wrap" }}>{p.description}</p>
        {!ready ? null : !user ? (
          <p>
            <Link href="/sign-in">Sign in</Link> to buy, save or ask the seller about this item.
          </p>
        ) : mine ? (
          <OwnerActions product={p} onChange={(next) => product.setData(() => next)} />
        ) : (
          <ShopperActions product={p} wished={wished.data} setWished={(v) => wished.setData(() => v)} onSoldOut={product.reload} />
        )}
      </div>
    </div>
  );
}

function ShopperActions({ product, wished, setWished, onSoldOut }: {
  product: Product;
  wished: boolean | undefined;
  setWished: (v: boolean) => void;
  /** Refreshes the item, so its status and stock show what the refusal found. */
  onSoldOut: () => void;
}) {
  const api = useApi();
  const router = useRouter();
  const [quantity, setQuantity] = useState(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [soldOut, setSoldOut] = useState<string | null>(null);
  // One key per purchase attempt: a double click or a retry after a timeout is the same order.
  const idempotencyKey = useRef(crypto.randomUUID());

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "Something went wrong", String(e)));
    } finally {
      setBusy(false);
    }
  };

  // Buying is one step: 201 means the stock is held and the order CONFIRMED; 409 sold-out means nothing was ordered.
  const buy = () =>
    run(async () => {
      try {
        const order = await api<Order>("orders", "/api/orders", {
          json: { items: [{ productId: product.id, quantity }] },
          headers: { "Idempotency-Key": idempotencyKey.current },
        });
        idempotencyKey.current = crypto.randomUUID();
        router.push(`/orders/${order.id}?placed=1`);
      } catch (e) {
        // A refusal ends this attempt; after a 503 or a network failure the same key retries the same order.
        if (e instanceof ApiError && (e.status === 409 || e.status === 422)) idempotencyKey.current = crypto.randomUUID();
        if (e instanceof ApiError && e.isSoldOut()) {
          setSoldOut((e.detail ?? "Someone else bought the last one.").replace(/^Sold out:\s*/, ""));
          onSoldOut();
          return;
        }
        throw e;
      }
    });

  const toggleWish = () =>
    run(async () => {
      if (wished) {
        await api("wishlist", `/api/wishlist/items/${product.id}`, { method: "DELETE" });
        setWished(false);
      } else {
        await api("wishlist", `/api/wishlist/items/${product.id}`, { method: "PUT" });
        setWished(true);
      }
    });

  const chat = () =>
    run(async () => {
      const conversation = await api<Conversation>("chat", "/api/conversations", {
        json: { participantId: product.sellerId, productId: product.id },
      });
      router.push(`/inbox/${encodeURIComponent(conversation.id)}`);
    });

  const available = product.status === "ACTIVE" && product.quantity > 0 && soldOut === null;
  return (
    <>
      {soldOut !== null ? (
        <div className="error" role="alert" data-testid="sold-out">
          <strong>Sold out:</strong> {soldOut} Nothing was ordered.
        </div>
      ) : null}
      {available ? (
        <div className="actions">
          <label>
            Quantity{" "}
            <input
              type="number"
              min={1}
              max={product.quantity}
              value={quantity}
              aria-label="Quantity"
              style={{ width: "5rem" }}
              onChange={(e) => setQuantity(Math.max(1, Math.min(product.quantity, Number(e.target.value) || 1)))}
            />
          </label>
          <button onClick={buy} disabled={busy}>
            Buy now
          </button>
        </div>
      ) : (
        <p className="muted">Not available to buy right now.</p>
      )}
      <div className="actions">
        <button className="secondary" onClick={toggleWish} disabled={busy || wished === undefined}>
          {wished ? "Remove from wishlist" : "Add to wishlist"}
        </button>
        <button className="secondary" onClick={chat} disabled={busy}>
          Chat with {product.sellerName}
        </button>
      </div>
      {error ? <ErrorBox error={error} /> : null}
    </>
  );
}

function OwnerActions({ product, onChange }: { product: Product; onChange: (p: Product) => void }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const run = async (action: () => Promise<Product>) => {
    setBusy(true);
    setError(null);
    try {
      onChange(await action());
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "Something went wrong", String(e)));
    } finally {
      setBusy(false);
    }
  };

  const upload = (files: FileList | null) => {
    if (!files?.length) return;
    void run(async () => {
      let latest = product;
      for (const file of Array.from(files)) {
        const form = new FormData();
        form.append("file", file);
        latest = await api<Product>("products", `/api/products/${product.id}/images`, { form });
      }
      return latest;
    });
  };

  return (
    <>
      <p className="muted">This is your listing.</p>
      <div className="actions">
        <Link className="button secondary" href={`/products/${product.id}/edit`}>
          Edit
        </Link>
        <label className="button secondary">
          Upload photos
          <input type="file" accept="image/jpeg,image/png,image/webp" multiple hidden disabled={busy} onChange={(e) => upload(e.target.files)} />
        </label>
        {product.status === "ARCHIVED" ? (
          <button onClick={() => run(() => api<Product>("products", `/api/products/${product.id}`, { method: "PATCH", json: { status: "ACTIVE" } }))} disabled={busy}>
            Relist
          </button>
        ) : (
          <button className="danger" onClick={() => run(() => api<Product>("products", `/api/products/${product.id}`, { method: "DELETE" }))} disabled={busy}>
            Archive
          </button>
        )}
      </div>
      {busy ? <Loading what="Saving" /> : null}
      {error ? <ErrorBox error={error} /> : null}
    </>
  );
}
