import { NextResponse, type NextRequest } from "next/server";
import { platformConfig } from "@/lib/config";
import { contentSecurityPolicy, newNonce } from "@/lib/csp";

/**
 * Gives every page its Content-Security-Policy with a fresh nonce (lib/csp.ts). Done here rather than in
 * next.config.ts because both the nonce and the service origins are per request: the origins follow
 * THRIFTSTORE_PORT_OFFSET and friends at run time, as the pages do. The policy also goes on the request,
 * where Next.js reads the nonce and puts it on its scripts (every page is rendered per request: see
 * app/layout.tsx). Headers that never change are in next.config.ts.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = contentSecurityPolicy({
    config: platformConfig(),
    nonce,
    dev: process.env.NODE_ENV === "development",
    clerkPublishableKey: process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: static files, JSON routes and prefetches (not documents) need no policy.
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
