"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, useApi, useLoad } from "@/lib/api";
import { label } from "@/lib/format";
import { CONDITIONS, type Product } from "@/lib/types";
import { ErrorBox } from "./states";

type Fields = { name: string; description: string; price: string; category: string; condition: string; quantity: string };

/** Create (no `product`) or edit; the API's field errors are shown next to their fields. */
export function ProductForm({ product }: { product?: Product }) {
  const api = useApi();
  const router = useRouter();
  const categories = useLoad("categories", () => api<string[]>("products", "/api/categories", { auth: false }));
  const [fields, setFields] = useState<Fields>({
    name: product?.name ?? "",
    description: product?.description ?? "",
    price: product ? String(product.price) : "",
    category: product?.category ?? "",
    condition: product?.condition ?? "GOOD",
    quantity: product ? String(product.quantity) : "1",
  });
  const [photos, setPhotos] = useState<FileList | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (key: keyof Fields) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setFields({ ...fields, [key]: e.target.value });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    // Numbers are sent as typed (empty = null) so that the API, not the form, decides what is valid.
    const body = {
      name: fields.name,
      description: fields.description,
      price: fields.price.trim() === "" ? null : Number(fields.price),
      category: fields.category || null,
      condition: fields.condition,
      quantity: fields.quantity.trim() === "" ? null : Number(fields.quantity),
    };
    try {
      let saved = product
        ? await api<Product>("products", `/api/products/${product.id}`, {
            method: "PATCH",
            json: body,
            headers: { "If-Match": `"${product.version}"` },
          })
        : await api<Product>("products", "/api/products", { json: body });
      for (const file of Array.from(photos ?? [])) {
        const form = new FormData();
        form.append("file", file);
        saved = await api<Product>("products", `/api/products/${saved.id}/images`, { form });
      }
      router.push(`/products/${saved.id}`);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, "Something went wrong", String(error));
      setErrors(apiError.fieldErrors());
      if (apiError.status === 412) setFailure(new ApiError(412, "Changed elsewhere", "Someone changed this item meanwhile: reload and try again."));
      else if (!apiError.errors.length) setFailure(apiError);
      setBusy(false);
    }
  };

  const err = (key: string) => (errors[key] ? <span className="err" role="alert">{errors[key]}</span> : null);

  return (
    <form className="form" onSubmit={submit} noValidate>
      <label className="field">
        Title
        <input name="name" value={fields.name} onChange={set("name")} />
        {err("name")}
      </label>
      <label className="field">
        Description
        <textarea name="description" rows={4} value={fields.description} onChange={set("description")} />
        {err("description")}
      </label>
      <label className="field">
        Price (USD)
        <input name="price" inputMode="decimal" value={fields.price} onChange={set("price")} />
        {err("price")}
      </label>
      <label className="field">
        Category
        <select name="category" value={fields.category} onChange={set("category")}>
          <option value="">Choose…</option>
          {(categories.data ?? []).map((c) => (
            <option key={c} value={c}>
              {label(c)}
            </option>
          ))}
        </select>
        {err("category")}
      </label>
      <label className="field">
        Condition
        <select name="condition" value={fields.condition} onChange={set("condition")}>
          {CONDITIONS.map((c) => (
            <option key={c} value={c}>
              {label(c)}
            </option>
          ))}
        </select>
        {err("condition")}
      </label>
      <label className="field">
        Quantity
        <input name="quantity" inputMode="numeric" value={fields.quantity} onChange={set("quantity")} />
        {err("quantity")}
      </label>
      <label className="field">
        {product ? "Add photos" : "Photos"} (JPEG, PNG or WebP, up to 5 MB each)
        <input name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple onChange={(e) => setPhotos(e.target.files)} />
      </label>
      {failure ? <ErrorBox error={failure} /> : null}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? "Saving…" : product ? "Save changes" : "List item"}
        </button>
      </div>
    </form>
  );
}
