import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Everything the browser loads comes from this server or the platform's services.
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
