"use client";

import { ProductForm } from "@/components/ProductForm";
import { RequireAuth } from "@/components/states";

export default function SellPage() {
  return (
    <RequireAuth what="the sell form">
      <h1>Sell an item</h1>
      <ProductForm />
    </RequireAuth>
  );
}
