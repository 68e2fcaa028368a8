import type { PlatformConfig } from "./config";

/**
 * The dashboard's Content-Security-Policy for one response. Pure (no env, no "server-only") so that the
 * proxy builds it per request from the run-time service addresses and the tests can call it directly.
 *
 * - Scripts: only those carrying this response's nonce, and what they load ('strict-dynamic'). Next.js puts
 *   the nonce on its own scripts when it finds it in the request's CSP header (see proxy.ts). No
 *   'unsafe-inline' for scripts; 'unsafe-eval' only under `next dev` (React's dev tooling evaluates code).
 * - Styles: 'unsafe-inline'. React renders `style={...}` as style attributes, which a nonce cannot cover,
 *   and Clerk injects its CSS at run time; injected CSS cannot run code, injected scripts are what the policy stops.
 * - Images: this server, data:/blob: URLs (previews) and product-service, the only service serving images.
 * - Connections: this server and every service's REST origin and STOMP socket origin.
 * - Nobody may frame the dashboard (clickjacking): frame-ancestors 'none'.
 * - No upgrade-insecure-requests: the local platform is plain http on localhost.
 */
export function contentSecurityPolicy(options: {
  config: PlatformConfig;
  nonce: string;
  dev: boolean;
  clerkPublishableKey?: string;
}): string {
  const { config, nonce, dev } = options;
  const clerk = options.clerkPublishableKey ? clerkFrontendApi(options.clerkPublishableKey) : undefined;
  const services = [config.products, config.wishlist, config.chat, config.insights, config.orders, config.notifications];
  const sockets = [config.chatSocket, config.notificationSocket];
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : []), ...(clerk ? [clerk] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", origin(config.products), ...(clerk ? ["https://img.clerk.com"] : [])],
    "font-src": ["'self'"],
    "connect-src": [
      "'self'",
      ...services.map(origin),
      ...sockets.map(origin),
      ...(clerk ? [clerk, "https://clerk-telemetry.com"] : []),
    ],
    "frame-src": ["'self'", ...(clerk ? ["https://challenges.cloudflare.com"] : [])],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${[...new Set(values)].join(" ")}`)
    .join("; ");
}

/** A nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** `http://localhost:5010` of `http://localhost:5010`, `ws://localhost:5015` of `ws://localhost:5015/ws`. */
function origin(url: string): string {
  return new URL(url).origin;
}

/**
 * Clerk's Frontend API origin, which serves clerk-js and answers its calls: a publishable key is
 * `pk_test_` or `pk_live_` followed by the base64 of `<host>$`.
 */
export function clerkFrontendApi(publishableKey: string): string | undefined {
  const encoded = publishableKey.split("_")[2];
  if (!encoded) return undefined;
  let host: string;
  try {
    host = atob(encoded).replace(/\$$/, "");
  } catch {
    return undefined;
  }
  return /^[a-z0-9.-]+$/i.test(host) ? `https://${host}` : undefined;
}
