"use client";

import { useEffect } from "react";
import { useApi, useLoad } from "@/lib/api";
import type { Order, Page } from "@/lib/types";
import { useNotifications } from "./Notifications";
import { OrderView } from "./OrderView";
import { Empty, ErrorBox, Loading } from "./states";

export function OrderList({ role }: { role: "buyer" | "seller" }) {
  const api = useApi();
  const { subscribe } = useNotifications();
  const orders = useLoad(`orders:${role}`, () => api<Page<Order>>("orders", `/api/orders?role=${role}&size=50`));
  const { reload } = orders;
  // An order notification means one of these changed: refresh the list.
  useEffect(() => subscribe((n) => n.type.startsWith("ORDER_") && reload()), [subscribe, reload]);

  if (orders.error) return <ErrorBox error={orders.error} retry={orders.reload} />;
  if (!orders.data) return <Loading what="Loading orders" />;
  if (orders.data.content.length === 0) {
    return <Empty>{role === "buyer" ? "You have not ordered anything yet." : "Nobody has ordered from you yet."}</Empty>;
  }
  return (
    <div className="list">
      {orders.data.content.map((o) => (
        <OrderView
          key={o.id}
          order={o}
          onChange={(next) => orders.setData((page) => page && { ...page, content: page.content.map((x) => (x.id === next.id ? next : x)) })}
        />
      ))}
    </div>
  );
}
