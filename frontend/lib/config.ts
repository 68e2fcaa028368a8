import "server-only";

/**
 * Where the platform's services live, decided when a page is served (not at build time),
 * so one build serves any THRIFTSTORE_PORT_OFFSET. The browser gets it from the root layout.
 */
export type PlatformConfig = {
  products: string;
  wishlist: string;
  chat: string;
  insights: string;
  orders: string;
  notifications: string;
  chatSocket: string;
  notificationSocket: string;
  devAuth: boolean;
};

const PORTS = {
  products: 5010,
  wishlist: 5011,
  chat: 5012,
  insights: 5013,
  orders: 5014,
  wsChat: 5015,
  notifications: 8080,
};

export function offset(): number {
  const value = Number(process.env.THRIFTSTORE_PORT_OFFSET ?? "0");
  return Number.isFinite(value) ? value : 0;
}

/**
 * The one origin of the platform when it runs behind the edge proxy (compose) or the Ingress (Kubernetes),
 * e.g. `http://localhost:3000`: the dashboard at `/`, every service under `/api/...`, the two sockets at
 * `/ws/notifications` and `/ws/chat` (docs/DEPLOYMENT.md, "One front door"). Unset for `./thriftstore up`,
 * where each service answers on its own port.
 */
export function publicUrl(): string | undefined {
  const value = process.env.THRIFTSTORE_PUBLIC_URL?.trim();
  return value ? value.replace(/\/+$/, "") : undefined;
}

/** The dashboard's own origin: the `azp` of dev tokens and the origin services allow. */
export function dashboardOrigin(): string {
  const front = publicUrl();
  return process.env.THRIFTSTORE_DASHBOARD_ORIGIN ?? (front ? new URL(front).origin : `http://localhost:${3000 + offset()}`);
}

/** Dev sign-in (tokens signed with the launcher's local key) only when switched on explicitly, never beside Clerk. */
export function devAuthEnabled(): boolean {
  return process.env.THRIFTSTORE_AUTH_MODE === "dev" && !clerkConfigured();
}

export function clerkConfigured(): boolean {
  return Boolean(process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY);
}

export function platformConfig(): PlatformConfig {
  // The host the *browser* uses to reach the services; localhost for the local run.
  const host = process.env.THRIFTSTORE_API_HOST ?? "localhost";
  const front = publicUrl();
  // Behind the front door every service shares its origin and the sockets are told apart by path; without it
  // each service has its own port.
  const http = (port: number) => front ?? `http://${host}:${port + offset()}`;
  const ws = (port: number, frontPath: string) =>
    front ? front.replace(/^http/, "ws") + frontPath : `ws://${host}:${port + offset()}/ws`;
  return {
    products: process.env.THRIFTSTORE_PRODUCTS_URL ?? http(PORTS.products),
    wishlist: process.env.THRIFTSTORE_WISHLIST_URL ?? http(PORTS.wishlist),
    chat: process.env.THRIFTSTORE_CHAT_URL ?? http(PORTS.chat),
    insights: process.env.THRIFTSTORE_INSIGHTS_URL ?? http(PORTS.insights),
    orders: process.env.THRIFTSTORE_ORDERS_URL ?? http(PORTS.orders),
    notifications: process.env.THRIFTSTORE_NOTIFICATIONS_URL ?? http(PORTS.notifications),
    chatSocket: process.env.THRIFTSTORE_CHAT_WS_URL ?? ws(PORTS.wsChat, "/ws/chat"),
    notificationSocket: process.env.THRIFTSTORE_NOTIFICATIONS_WS_URL ?? ws(PORTS.notifications, "/ws/notifications"),
    devAuth: devAuthEnabled(),
  };
}
