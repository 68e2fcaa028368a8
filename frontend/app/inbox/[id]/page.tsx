"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { Empty, ErrorBox, Loading, RequireAuth } from "@/components/states";
import { ApiError, useApi, useLoad } from "@/lib/api";
import { useSession } from "@/lib/auth";
import { otherParty } from "@/lib/chat";
import { asMessageOf } from "@/lib/frames";
import { when } from "@/lib/format";
import { usePlatform } from "@/lib/runtime";
import { useStomp } from "@/lib/stomp";
import type { Conversation, Message } from "@/lib/types";

export default function ConversationPage() {
  return (
    <RequireAuth what="this conversation">
      <ConversationView />
    </RequireAuth>
  );
}

// (senderId, clientMessageId) is what the message id is derived from: the same key for a live
// frame, its stored copy, a resend and our own not-yet-acknowledged message, so nothing doubles.
const keyOf = (m: Pick<Message, "senderId" | "clientMessageId">) => `${m.senderId}\u0000${m.clientMessageId}`;

type Shown = Message & { pending?: boolean };

function merge(current: Map<string, Shown>, incoming: Shown[]): Map<string, Shown> {
  const next = new Map(current);
  for (const m of incoming) {
    const old = next.get(keyOf(m));
    // Keep a stored copy's seq when a later live frame (without seq) repeats it.
    next.set(keyOf(m), old && old.seq != null && m.seq == null ? { ...m, seq: old.seq, pending: false } : m);
  }
  return next;
}

function ordered(messages: Map<string, Shown>): Shown[] {
  return [...messages.values()].sort((a, b) => {
    if (a.seq != null && b.seq != null) return a.seq - b.seq;
    return a.sentAt.localeCompare(b.sentAt);
  });
}

function ConversationView() {
  const raw = useParams<{ id: string }>().id;
  const id = decodeURIComponent(raw);
  const api = useApi();
  const config = usePlatform();
  const { user } = useSession();
  const conversation = useLoad(`conversation:${id}`, () => api<Conversation>("chat", `/api/conversations/${encodeURIComponent(id)}`));
  const [messages, setMessages] = useState<Map<string, Shown>>(new Map());
  const [older, setOlder] = useState<number | null | undefined>(undefined);
  const [text, setText] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const bottom = useRef<HTMLDivElement>(null);
  const path = `/api/conversations/${encodeURIComponent(id)}`;

  const markRead = useCallback(() => {
    api("chat", `${path}/read`, { json: {} }).catch(() => {});
  }, [api, path]);

  type History = { content: Message[]; nextBefore: number | null };
  const applyLatest = useCallback(
    (page: History) => {
      setMessages((m) => merge(m, page.content));
      setOlder((o) => (o === undefined ? page.nextBefore : o));
      markRead();
    },
    [markRead],
  );
  // The latest page: on open and after every reconnect (catch-up), merged by key.
  const loadLatest = useCallback(() => {
    api<History>("chat", `${path}/messages?limit=30`).then(applyLatest, (e: ApiError) => setError(e));
  }, [api, path, applyLatest]);

  useEffect(() => {
    let live = true;
    api<History>("chat", `${path}/messages?limit=30`).then(
      (page) => live && applyLatest(page),
      (e: ApiError) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, path, applyLatest]);

  const { state, client } = useStomp(
    config.chatSocket,
    {
      "/user/queue/messages": (frame) => {
        const message = asMessageOf(frame.body, id, user?.id);
        if (!message) return; // another conversation's, or not from one of its members
        setMessages((m) => merge(m, [message]));
        if (message.senderId !== user?.id) setTimeout(markRead, 500);
      },
      "/user/queue/errors": (frame) => {
        const problem = JSON.parse(frame.body) as { title?: string; detail?: string; status?: number; clientMessageId?: string };
        setError(new ApiError(problem.status ?? 400, problem.title ?? "Not sent", problem.detail ?? null));
        if (problem.clientMessageId) {
          setMessages((m) => {
            const next = new Map(m);
            next.delete(`${user?.id}\u0000${problem.clientMessageId}`);
            return next;
          });
        }
      },
    },
    loadLatest,
  );

  const loadOlder = async () => {
    if (older == null) return;
    try {
      const page = await api<{ content: Message[]; nextBefore: number | null }>("chat", `${path}/messages?limit=30&before=${older}`);
      setMessages((m) => merge(m, page.content));
      setOlder(page.nextBefore);
    } catch (e) {
      setError(e as ApiError);
    }
  };

  const list = ordered(messages);
  const count = list.length;
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: "end" });
  }, [count]);

  const send = async (e: React.FormEvent) => {
    e.preventDefault();
    const body = text.trim();
    if (!body || !user) return;
    const clientMessageId = crypto.randomUUID();
    setText("");
    setError(null);
    const mine: Shown = { id: clientMessageId, conversationId: id, senderId: user.id, senderName: user.name, text: body, sentAt: new Date().toISOString(), clientMessageId, pending: true };
    setMessages((m) => merge(m, [mine]));
    const payload = { conversationId: id, clientMessageId, text: body };
    if (state === "live" && client.current?.connected) {
      client.current.publish({ destination: "/app/chat.send", body: JSON.stringify(payload) });
    } else {
      // Offline socket: the REST send takes the same path through Kafka.
      try {
        const accepted = await api<Message>("chat", `${path}/messages`, { json: { text: body, clientMessageId } });
        setMessages((m) => merge(m, [accepted]));
      } catch (err) {
        setError(err as ApiError);
      }
    }
  };

  if (conversation.error) return conversation.error.status === 404 ? <Empty>No such conversation.</Empty> : <ErrorBox error={conversation.error} retry={conversation.reload} />;
  if (!conversation.data) return <Loading what="Loading conversation" />;
  const c = conversation.data;
  return (
    <>
      <div className="row">
        <h1>Chat with {otherParty(c, user!.id)}</h1>
        <span className="muted small" data-testid="chat-state">
          {state === "live" ? "live" : "reconnecting…"}
        </span>
      </div>
      {c.productId ? (
        <p className="small">
          About <Link href={`/products/${c.productId}`}>this item</Link>
        </p>
      ) : null}
      <div className="messages" data-testid="messages">
        {older != null ? (
          <button className="link" onClick={loadOlder}>
            Load older messages
          </button>
        ) : null}
        {list.length === 0 ? <p className="muted">No messages yet. Say hello.</p> : null}
        {list.map((m) => (
          <div key={keyOf(m)} className={`msg ${m.senderId === user?.id ? "mine" : ""}`} data-testid="message">
            <div className="meta">
              {m.senderName} · {when(m.sentAt)}
              {m.pending ? " · sending" : ""}
            </div>
            {m.text}
          </div>
        ))}
        <div ref={bottom} />
      </div>
      {error ? <ErrorBox error={error} /> : null}
      <form className="composer" onSubmit={send}>
        <textarea
          aria-label="Message"
          placeholder="Write a message"
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
        <button type="submit" disabled={!text.trim()}>
          Send
        </button>
      </form>
    </>
  );
}
