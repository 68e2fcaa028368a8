"use client";

import Link from "next/link";
import { Empty, ErrorBox, Loading, RequireAuth } from "@/components/states";
import { useApi, useLoad } from "@/lib/api";
import { useSession } from "@/lib/auth";
import { when } from "@/lib/format";
import { otherParty, preview } from "@/lib/chat";
import { usePlatform } from "@/lib/runtime";
import { useStomp } from "@/lib/stomp";
import type { Conversation, Page } from "@/lib/types";

export default function InboxPage() {
  return (
    <RequireAuth what="your inbox">
      <Inbox />
    </RequireAuth>
  );
}

function Inbox() {
  const api = useApi();
  const config = usePlatform();
  const { user } = useSession();
  const inbox = useLoad("inbox", () => api<Page<Conversation>>("chat", "/api/conversations?size=50"));
  // Live: any message to me reorders the inbox and changes the unread counts.
  // History is stored a moment after live delivery, hence the short delay.
  useStomp(config.chatSocket, { "/user/queue/messages": () => setTimeout(inbox.reload, 400) }, inbox.reload);

  if (inbox.error) return <ErrorBox error={inbox.error} retry={inbox.reload} />;
  if (!inbox.data) return <Loading what="Loading conversations" />;
  return (
    <>
      <h1>Inbox</h1>
      {inbox.data.content.length === 0 ? <Empty>No conversations yet. Open an item and chat with its seller.</Empty> : null}
      <div className="list">
        {inbox.data.content.map((c) => (
          <Link key={c.id} href={`/inbox/${encodeURIComponent(c.id)}`} className="card row" data-testid="conversation" style={{ textDecoration: "none", color: "inherit" }}>
            <div>
              <strong>{otherParty(c, user!.id)}</strong>
              <div className="muted small">{preview(c)}</div>
            </div>
            <div className="actions">
              <span className="muted small">{when(c.updatedAt)}</span>
              {c.unreadCount > 0 ? (
                <span className="unread" data-testid="unread-badge">
                  {c.unreadCount}
                </span>
              ) : null}
            </div>
          </Link>
        ))}
      </div>
    </>
  );
}
