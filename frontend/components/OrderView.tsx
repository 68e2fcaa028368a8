"use client";

import Link from "next/link";
import { useState } from "react";
import { ApiError, useApi } from "@/lib/api";
import { useSession } from "@/lib/auth";
import { label, money, when } from "@/lib/format";
import type { Order, OrderStatus } from "@/lib/types";
import { ErrorBox } from "./states";

/** What the caller may do next; the service has the final word (403/409 shown as errors). */
function nextSteps(order: Order, userId: string): { status: OrderStatus; text: string; reason?: boolean }[] {
  if (order.buyerId === userId && (order.status === "PENDING" || order.status === "CONFIRMED")) {
    return [{ status: "CANCELLED", text: "Cancel order" }];
  }
  if (order.sellerId === userId) {
    if (order.status === "CONFIRMED") {
      return [
        { status: "SHIPPED", text: "Mark shipped" },
        { status: "CANCELLED", text: "Cancel with reason", reason: true },
      ];
    }
    if (order.status === "SHIPPED") return [{ status: "DELIVERED", text: "Mark delivered" }];
  }
  return [];
}

export function OrderView({ order, onChange, full }: { order: Order; onChange: (o: Order) => void; full?: boolean }) {
  const api = useApi();
  const { user } = useSession();
  const [reason, setReason] = useState("");
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const selling = order.sellerId === user?.id;

  const move = async (status: OrderStatus, withReason?: string) => {
    setBusy(true);
    setError(null);
    try {
      onChange(
        await api<Order>("orders", `/api/orders/${order.id}`, {
          method: "PATCH",
          json: withReason ? { status, reason: withReason } : { status },
          headers: { "If-Match": `"${order.version}"` },
        }),
      );
      setAsking(false);
    } catch (e) {
      const err = e as ApiError;
      setError(err.status === 412 || err.status === 409 ? new ApiError(err.status, "The order changed meanwhile", "Reload to see its current state.") : err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card" data-testid="order">
      <div className="row">
        <div>
          {full ? <strong>Order {order.id.slice(0, 8)}</strong> : <Link href={`/orders/${order.id}`}>Order {order.id.slice(0, 8)}</Link>}
          <div className="muted small">
            {selling ? `to ${order.buyerName}` : `from ${order.sellerName}`} · {when(order.createdAt)}
          </div>
        </div>
        <span className={`badge ${order.status}`} data-testid="order-status">
          {label(order.status)}
        </span>
      </div>
      <ul>
        {order.items.map((i) => (
          <li key={i.productId}>
            <Link href={`/products/${i.productId}`}>{i.name}</Link> × {i.quantity} · {money(i.unitPrice, order.currency)}
          </li>
        ))}
      </ul>
      <div>
        Total <strong>{money(order.total, order.currency)}</strong>
        {order.reason ? <span className="muted"> · reason: {order.reason}</span> : null}
      </div>
      {full ? (
        <ol className="timeline" aria-label="Status history">
          {order.history.map((h, i) => (
            <li key={i}>
              <strong>{label(h.status)}</strong> <span className="muted small">{when(h.at)}{h.by ? ` · by ${h.by === order.buyerId ? order.buyerName : h.by === order.sellerId ? order.sellerName : h.by}` : ""}</span>
            </li>
          ))}
        </ol>
      ) : null}
      <div className="actions">
        {nextSteps(order, user?.id ?? "").map((step) =>
          step.reason ? (
            asking ? (
              <form
                key={step.status}
                className="actions"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (reason.trim()) void move(step.status, reason.trim());
                }}
              >
                <input aria-label="Reason" placeholder="Why are you cancelling?" value={reason} onChange={(e) => setReason(e.target.value)} />
                <button className="danger" disabled={busy || !reason.trim()}>
                  Confirm cancel
                </button>
                <button type="button" className="secondary" onClick={() => setAsking(false)}>
                  Keep order
                </button>
              </form>
            ) : (
              <button key={step.status} className="secondary" onClick={() => setAsking(true)} disabled={busy}>
                {step.text}
              </button>
            )
          ) : (
            <button key={step.status} className={step.status === "CANCELLED" ? "danger" : ""} onClick={() => move(step.status)} disabled={busy}>
              {step.text}
            </button>
          ),
        )}
        {full ? (
          <Link className="button secondary" href={`/products/${order.items[0]?.productId}`}>
            View item
          </Link>
        ) : null}
      </div>
      {error ? <ErrorBox error={error} /> : null}
    </div>
  );
}
