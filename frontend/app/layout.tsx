import type { Metadata, Viewport } from "next";
import { ClerkProvider } from "@clerk/nextjs";
import { clerkConfigured, platformConfig } from "@/lib/config";
import { Providers } from "./providers";
import "./globals.css";

// The service addresses are read per request (THRIFTSTORE_PORT_OFFSET etc.), so one build serves any offset.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "ThriftStore",
  description: "Buy and sell second-hand things",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  const config = platformConfig();
  if (!config.devAuth && !clerkConfigured()) {
    // Neither Clerk nor dev auth: nobody could sign in, so say how to configure it instead of failing in Clerk.
    return (
      <html lang="en">
        <body>
          <main className="container">
            <h1>Sign-in is not configured</h1>
            <p>
              Set <code>NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY</code> and <code>CLERK_SECRET_KEY</code> for Clerk, or{" "}
              <code>THRIFTSTORE_AUTH_MODE=dev</code> for local development with <code>./thriftstore up</code>.
            </p>
          </main>
        </body>
      </html>
    );
  }
  const page = (
    <html lang="en">
      <body>
        <Providers config={config}>{children}</Providers>
      </body>
    </html>
  );
  // Clerk is never initialised without a publishable key: it cannot work offline. `dynamic` puts the
  // request's CSP nonce (proxy.ts) on the clerk-js script tags.
  return config.devAuth ? page : <ClerkProvider dynamic>{page}</ClerkProvider>;
}
