"use client";

import { useParams } from "next/navigation";
import { ProductForm } from "@/components/ProductForm";
import { Empty, ErrorBox, Loading, RequireAuth } from "@/components/states";
import { useApi, useLoad } from "@/lib/api";
import { useSession } from "@/lib/auth";
import type { Product } from "@/lib/types";

export default function EditProductPage() {
  return (
    <RequireAuth what="your listing">
      <Edit />
    </RequireAuth>
  );
}

function Edit() {
  const { id } = useParams<{ id: string }>();
  const api = useApi();
  const { user } = useSession();
  const product = useLoad(`product:${id}`, () => api<Product>("products", `/api/products/${id}`, { auth: false }));
  if (product.error) return <ErrorBox error={product.error} retry={product.reload} />;
  if (!product.data) return <Loading />;
  if (product.data.sellerId !== user?.id) return <Empty>Only the seller can edit this item.</Empty>;
  return (
    <>
      <h1>Edit {product.data.name}</h1>
      <ProductForm product={product.data} />
    </>
  );
}
