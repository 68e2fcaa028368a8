import type { Message, Notification } from "./types";

// Live frames come from the server alone (DESIGN section 7), but the dashboard does not take that on trust:
// a frame that does not fit what is open is dropped, so a forged frame can neither speak for another
// user in a conversation nor send the reader to a page of its choosing.

/** A dashboard path such as /orders/{id}: no scheme, no other host (`//evil.example`), no backslash tricks. */
export function isDashboardPath(link: unknown): link is string {
  return typeof link === "string" && /^\/(?![\/\\])[^\s\\]*$/.test(link);
}

/** A notification frame with every field of the contract, whose link (if any) stays on the dashboard. */
export function asNotification(body: string): Notification | null {
  let n: Partial<Notification>;
  try {
    n = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof n !== "object" || n === null) return null;
  if (typeof n.id !== "string" || typeof n.type !== "string" || !/^[A-Z_]{1,40}$/.test(n.type)) return null;
  if (typeof n.title !== "string" || typeof n.body !== "string" || typeof n.createdAt !== "string") return null;
  if (n.link != null && !isDashboardPath(n.link)) return null;
  return { ...(n as Notification), link: n.link ?? null, read: Boolean(n.read) };
}

/**
 * A chat frame for the open conversation, sent by one of its two members to a conversation the reader is
 * in (the conversation id is the two members' ids joined by ':').
 */
export function asMessageOf(body: string, conversationId: string, me: string | undefined): Message | null {
  let m: Partial<Message>;
  try {
    m = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof m !== "object" || m === null || m.conversationId !== conversationId) return null;
  const members = conversationId.split(":");
  if (members.length !== 2 || !me || !members.includes(me)) return null;
  if (typeof m.senderId !== "string" || !members.includes(m.senderId)) return null;
  if (typeof m.text !== "string" || typeof m.clientMessageId !== "string" || typeof m.sentAt !== "string") return null;
  return m as Message;
}
