"use client";

import { OrderList } from "@/components/OrderList";
import { RequireAuth } from "@/components/states";

export default function MyOrdersPage() {
  return (
    <RequireAuth what="your orders">
      <h1>My orders</h1>
      <OrderList role="buyer" />
    </RequireAuth>
  );
}
