"use client";

import { OrderList } from "@/components/OrderList";
import { RequireAuth } from "@/components/states";

export default function SalesPage() {
  return (
    <RequireAuth what="orders to fulfil">
      <h1>Orders to fulfil</h1>
      <OrderList role="seller" />
    </RequireAuth>
  );
}
