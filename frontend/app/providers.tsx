"use client";

import { NotificationsProvider } from "@/components/Notifications";
import { Header } from "@/components/Header";
import { ClerkAuthProvider, DevAuthProvider } from "@/lib/auth";
import type { PlatformConfig } from "@/lib/config";
import { ConfigProvider } from "@/lib/runtime";

export function Providers({ config, children }: { config: PlatformConfig; children: React.ReactNode }) {
  const Auth = config.devAuth ? DevAuthProvider : ClerkAuthProvider;
  return (
    <ConfigProvider config={config}>
      <Auth>
        <NotificationsProvider>
          <Header />
          <main className="main">{children}</main>
        </NotificationsProvider>
      </Auth>
    </ConfigProvider>
  );
}
