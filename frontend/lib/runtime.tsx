"use client";

import { createContext, useContext } from "react";
import type { PlatformConfig } from "./config";

const ConfigContext = createContext<PlatformConfig | null>(null);

export function ConfigProvider({ config, children }: { config: PlatformConfig; children: React.ReactNode }) {
  return <ConfigContext.Provider value={config}>{children}</ConfigContext.Provider>;
}

export function usePlatform(): PlatformConfig {
  const config = useContext(ConfigContext);
  if (!config) throw new Error("usePlatform outside ConfigProvider");
  return config;
}

/** Uploaded images are relative to product-service (`/api/images/{id}`); others are used as given. */
export function imageSrc(config: PlatformConfig, url: string): string {
  return url.startsWith("/") ? config.products + url : url;
}
