"use client";

import { useParams, useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { useNotifications } from "@/components/Notifications";
import { OrderView } from "@/components/OrderView";
import { OrderReview } from "@/components/Reviews";
import { Empty, ErrorBox, Loading, RequireAuth } from "@/components/states";
import { useApi, useLoad } from "@/lib/api";
import { useSession } from "@/lib/auth";
import type { Order } from "@/lib/types";

export default function OrderPage() {
  return (
    <RequireAuth what="this order">
      <OrderDetail />
    </RequireAuth>
  );
}

function OrderDetail() {
  const { id } = useParams<{ id: string }>();
  // Just bought (the product page sends ?placed=1): a 201 means the stock is held and the order confirmed.
  const placed = useSearchParams().get("placed") === "1";
  const api = useApi();
  const { subscribe } = useNotifications();
  const { user } = useSession();
  const order = useLoad(`order:${id}`, () => api<Order>("orders", `/api/orders/${id}`));
  const { reload } = order;
  const pending = order.data?.status === "PENDING";

  // New orders are CONFIRMED at once; PENDING is only an order placed before buy-in-one-step, which the
  // platform settles (or rejects after its timeout): poll until it is decided.
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(reload, 1000);
    return () => clearInterval(timer);
  }, [pending, reload]);
  useEffect(() => subscribe((n) => n.link === `/orders/${id}` && reload()), [subscribe, reload, id]);

  if (order.error) return order.error.status === 404 ? <Empty>No such order.</Empty> : <ErrorBox error={order.error} retry={reload} />;
  if (!order.data) return <Loading what="Loading order" />;
  return (
    <>
      <h1>Order</h1>
      {pending ? <p className="muted">Waiting for the seller&apos;s stock to be reserved…</p> : null}
      {placed && order.data.status === "CONFIRMED" ? (
        <p className="success" role="status" data-testid="order-placed">
          <strong>Order confirmed</strong> — the item is yours; arrange the hand-over with the seller in chat.
        </p>
      ) : null}
      <OrderView order={order.data} full onChange={(next) => order.setData(() => next)} />
      <OrderReview order={order.data} userId={user?.id ?? ""} onReviewed={reload} />
    </>
  );
}
