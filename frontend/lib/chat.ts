import type { Conversation } from "./types";

export function otherParty(conversation: Conversation, me: string): string {
  const other = conversation.participants.find((p) => p.userId !== me);
  return other?.name ?? other?.userId ?? "(unknown)";
}

export function preview(conversation: Conversation): string {
  const last = conversation.lastMessage;
  if (!last) return "No messages yet";
  return typeof last === "string" ? last : last.text;
}
