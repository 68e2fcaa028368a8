"use client";

import Link from "next/link";
import { createContext, useCallback, useContext, useRef, useState } from "react";
import { useApi } from "@/lib/api";
import { useSession } from "@/lib/auth";
import { usePlatform } from "@/lib/runtime";
import { useStomp, type LiveState } from "@/lib/stomp";
import type { Notification } from "@/lib/types";
import { asNotification } from "@/lib/frames";

type Live = {
  unread: number;
  state: LiveState;
  refreshUnread: () => void;
  /** Pages that show notifications hear each new one (deduplicated by id). */
  subscribe: (listener: (n: Notification) => void) => () => void;
  /** Bumped after each (re)connect so lists catch up on what they missed. */
  reconnects: number;
};

const LiveContext = createContext<Live>({
  unread: 0,
  state: "off",
  refreshUnread: () => {},
  subscribe: () => () => {},
  reconnects: 0,
});

export const useNotifications = () => useContext(LiveContext);

type Toast = { id: string; type: string; title: string; body: string; link: string | null };

export function NotificationsProvider({ children }: { children: React.ReactNode }) {
  const config = usePlatform();
  const api = useApi();
  const { user } = useSession();
  const [unread, setUnread] = useState(0);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [reconnects, setReconnects] = useState(0);
  const listeners = useRef(new Set<(n: Notification) => void>());
  const seen = useRef(new Set<string>());

  const refreshUnread = useCallback(() => {
    api<{ count: number }>("notifications", "/api/notifications/unread-count").then(
      (r) => setUnread(r.count),
      () => {},
    );
  }, [api]);

  const { state } = useStomp(
    config.notificationSocket,
    {
      "/user/queue/notifications": (frame) => {
        const notification = asNotification(frame.body);
        if (!notification) return; // not a notification of ours, or a link off the dashboard
        if (seen.current.has(notification.id)) return; // at-least-once delivery: drop repeats
        seen.current.add(notification.id);
        setUnread((n) => n + 1);
        setToasts((t) => [...t.slice(-2), notification]);
        setTimeout(() => setToasts((t) => t.filter((x) => x.id !== notification.id)), 6000);
        listeners.current.forEach((l) => l(notification));
      },
    },
    () => {
      // Catch up after (re)connecting: the count is the truth, lists reload on `reconnects`.
      refreshUnread();
      setReconnects((n) => n + 1);
    },
  );

  const subscribe = useCallback((listener: (n: Notification) => void) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);

  return (
    <LiveContext.Provider value={{ unread: user ? unread : 0, state, refreshUnread, subscribe, reconnects }}>
      {children}
      <div className="toasts" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast ${t.type}`} role="status" data-testid="toast" data-type={t.type}>
            <strong>{t.title}</strong>
            <span>{t.body}</span>
            {t.link ? <Link href={t.link}>Open</Link> : null}
          </div>
        ))}
      </div>
    </LiveContext.Provider>
  );
}

export function Bell() {
  const { unread, state } = useNotifications();
  return (
    <Link href="/notifications" className="bell" aria-label={`Notifications, ${unread} unread`} data-testid="bell">
      {/* Inline SVG: emoji fonts are not everywhere and nothing may be fetched from elsewhere. */}
      <svg aria-hidden width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      {unread > 0 ? (
        <span className="count" data-testid="unread-count">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
      <span className={`dot ${state}`} title={state === "live" ? "Live" : "Reconnecting"} />
    </Link>
  );
}
