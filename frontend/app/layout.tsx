import type { Metadata, Viewport } from "next";
import { ClerkProvider } from "@clerk/nextjs";
import { platformConfig } from "@/lib/config";
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
