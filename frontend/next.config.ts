import type { NextConfig } from "next";

// The Content-Security-Policy is per request (a nonce, the run-time service origins): proxy.ts.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Other origins (the services included) learn only that a request came from the dashboard, not which page.
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // For browsers that predate CSP's frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

const nextConfig: NextConfig = {
  // The container image (frontend/Dockerfile) and ci.sh build with THRIFTSTORE_STANDALONE=1: .next/standalone then
  // holds server.js plus only the node_modules it needs, which is all the image ships. Other builds leave it out,
  // because `next start` (./thriftstore up) warns that it "does not work" with it (it does, but the log misleads).
  output: process.env.THRIFTSTORE_STANDALONE === "1" ? "standalone" : undefined,
  // Everything the browser loads comes from this server or the platform's services.
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
