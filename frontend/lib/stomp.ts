"use client";

import { Client, type IMessage } from "@stomp/stompjs";
import { useEffect, useRef, useState } from "react";
import { useSession } from "./auth";

export type LiveState = "off" | "connecting" | "live";

/**
 * One STOMP connection per (url, user) for the life of the component. Each (re)connect gets a
 * fresh token in CONNECT (the server closes sessions after their token expires) and then calls
 * `onConnected`, where callers catch up over REST on what they missed while offline.
 */
export function useStomp(
  url: string,
  subscriptions: Record<string, (frame: IMessage) => void>,
  onConnected?: () => void,
): { state: LiveState; client: React.RefObject<Client | null> } {
  const { user, getToken } = useSession();
  const [state, setState] = useState<LiveState>("off");
  const client = useRef<Client | null>(null);
  const handlers = useRef({ subscriptions, onConnected });
  useEffect(() => {
    handlers.current = { subscriptions, onConnected };
  });
  const destinations = Object.keys(subscriptions).sort().join(",");
  const userId = user?.id ?? null;

  useEffect(() => {
    if (!userId) return;
    const stomp = new Client({
      brokerURL: url,
      reconnectDelay: 2000,
      heartbeatIncoming: 20000,
      heartbeatOutgoing: 20000,
      debug: () => {},
      beforeConnect: async (self) => {
        setState("connecting");
        const token = await getToken().catch(() => null);
        self.connectHeaders = token ? { Authorization: `Bearer ${token}` } : {};
      },
      onConnect: () => {
        for (const destination of destinations.split(",")) {
          if (destination) stomp.subscribe(destination, (frame) => handlers.current.subscriptions[destination]?.(frame));
        }
        setState("live");
        handlers.current.onConnected?.();
      },
      onWebSocketClose: () => setState("connecting"),
      // A rejected CONNECT (expired token, say) is retried with a new token by reconnectDelay.
      onStompError: () => setState("connecting"),
    });
    client.current = stomp;
    stomp.activate();
    return () => {
      client.current = null;
      setState("off");
      void stomp.deactivate();
    };
  }, [url, userId, destinations, getToken]);

  return { state, client };
}
