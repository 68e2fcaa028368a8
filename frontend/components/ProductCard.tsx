"use client";

import Link from "next/link";
import { money, label } from "@/lib/format";
import { imageSrc, usePlatform } from "@/lib/runtime";
import type { ProductCardData } from "@/lib/types";

export function ProductImage({ url, alt }: { url: string | null | undefined; alt: string }) {
  const config = usePlatform();
  if (!url) return <div className="placeholder" aria-label="No photo">No photo</div>;
  // Plain <img>: images are served by product-service with long cache headers, not optimised by Next.
  // eslint-disable-next-line @next/next/no-img-element
  return <img src={imageSrc(config, url)} alt={alt} loading="lazy" />;
}

export function ProductCard({ product }: { product: ProductCardData }) {
  return (
    <Link href={`/products/${product.id}`} className="card product-card" data-testid="product-card">
      <div className="thumb">
        <ProductImage url={product.imageUrl} alt={product.name} />
      </div>
      <div className="card-body">
        <strong className="name">{product.name}</strong>
        <span className="price">{money(product.price, product.currency)}</span>
        <span className="muted small">
          {label(product.condition)} · {product.sellerName}
        </span>
        {product.status !== "ACTIVE" ? <span className={`badge ${product.status}`}>{label(product.status)}</span> : null}
      </div>
    </Link>
  );
}
