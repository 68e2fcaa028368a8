"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { useNotifications } from "@/components/Notifications";
import { Empty, ErrorBox, Loading, RequireAuth } from "@/components/states";
import { ApiError, useApi, useLoad } from "@/lib/api";
import { when } from "@/lib/format";
import type { Notification, Page } from "@/lib/types";

export default function NotificationsPage() {
  return (
    <RequireAuth what="your notifications">
      <Notifications />
    </RequireAuth>
  );
}

function Notifications() {
  const api = useApi();
  const { subscribe, refreshUnread, reconnects } = useNotifications();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useLoad(`notifications:${unreadOnly}:${reconnects}`, () =>
    api<Page<Notification>>("notifications", `/api/notifications?size=50&unreadOnly=${unreadOnly}`),
  );
  const { setData } = list;
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(
    () => subscribe((n) => setData((page) => page && (page.content.some((x) => x.id === n.id) ? page : { ...page, content: [n, ...page.content] }))),
    [subscribe, setData],
  );

  const markRead = async (id: string) => {
    try {
      await api("notifications", `/api/notifications/${id}/read`, { method: "POST" });
      setData((page) => page && { ...page, content: page.content.map((n) => (n.id === id ? { ...n, read: true } : n)) });
      refreshUnread();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const markAll = async () => {
    try {
      await api("notifications", "/api/notifications/read-all", { method: "POST" });
      setData((page) => page && { ...page, content: page.content.map((n) => ({ ...n, read: true })) });
      refreshUnread();
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <>
      <div className="row">
        <h1>Notifications</h1>
        <div className="actions">
          <label>
            <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> Unread only
          </label>
          <button className="secondary" onClick={markAll}>
            Mark all read
          </button>
        </div>
      </div>
      {error ? <ErrorBox error={error} /> : null}
      {list.error ? <ErrorBox error={list.error} retry={list.reload} /> : null}
      {!list.data && !list.error ? <Loading /> : null}
      {list.data?.content.length === 0 ? <Empty>Nothing here yet.</Empty> : null}
      <div className="list">
        {list.data?.content.map((n) => (
          <div key={n.id} className={`card notification ${n.read ? "" : "unread-item"}`} data-testid="notification">
            <div className="row">
              <strong>{n.title}</strong>
              <span className="muted small">{when(n.createdAt)}</span>
            </div>
            <p>{n.body}</p>
            <div className="actions">
              {n.link ? (
                <Link href={n.link} onClick={() => !n.read && markRead(n.id)}>
                  Open
                </Link>
              ) : null}
              {!n.read ? (
                <button className="link" onClick={() => markRead(n.id)}>
                  Mark read
                </button>
              ) : null}
            </div>
          </div>
        ))}
      </div>
    </>
  );
}
