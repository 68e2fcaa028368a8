"use client";

import { useAuth, useClerk, useUser } from "@clerk/nextjs";
import { createContext, useCallback, useContext, useMemo, useSyncExternalStore } from "react";

export type SignedInUser = { id: string; name: string };

export type Auth = {
  mode: "dev" | "clerk";
  /** False until we know whether someone is signed in (avoids flashing "sign in"). */
  ready: boolean;
  user: SignedInUser | null;
  /** A fresh token for one request or one socket connect; null when signed out. */
  getToken: () => Promise<string | null>;
  signIn: (user: SignedInUser) => void;
  signOut: () => void;
};

const AuthContext = createContext<Auth | null>(null);

export function useSession(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useSession outside an auth provider");
  return auth;
}

const DEV_USER_KEY = "thriftstore.devUser";
const DEV_USER_EVENT = "thriftstore:dev-user";

function readDevUser(): SignedInUser | null {
  try {
    const raw = window.localStorage.getItem(DEV_USER_KEY);
    const parsed = raw ? (JSON.parse(raw) as SignedInUser) : null;
    return parsed && typeof parsed.id === "string" && parsed.id ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Local development without Clerk: the chosen user lives in localStorage (per browser
 * profile, so separate Playwright contexts are separate users) and every token is signed
 * by the dashboard's /api/dev-token route with the launcher's dev key.
 */
function subscribeDevUser(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  window.addEventListener(DEV_USER_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(DEV_USER_EVENT, onChange);
  };
}

const SERVER = "\u0000server"; // no localStorage while rendering on the server: not ready yet

export function DevAuthProvider({ children }: { children: React.ReactNode }) {
  const raw = useSyncExternalStore(
    subscribeDevUser,
    () => window.localStorage.getItem(DEV_USER_KEY) ?? "",
    () => SERVER,
  );
  const ready = raw !== SERVER;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- parsed again only when the stored text changes
  const user = useMemo(() => (ready ? readDevUser() : null), [raw, ready]);

  const getToken = useCallback(async () => {
    const current = readDevUser();
    if (!current) return null;
    const response = await fetch("/api/dev-token", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ userId: current.id, name: current.name }),
      cache: "no-store",
    });
    if (!response.ok) throw new Error(`dev token: HTTP ${response.status}`);
    return ((await response.json()) as { token: string }).token;
  }, []);

  const signIn = useCallback((next: SignedInUser) => {
    window.localStorage.setItem(DEV_USER_KEY, JSON.stringify(next));
    window.dispatchEvent(new Event(DEV_USER_EVENT));
  }, []);

  const signOut = useCallback(() => {
    window.localStorage.removeItem(DEV_USER_KEY);
    window.dispatchEvent(new Event(DEV_USER_EVENT));
  }, []);

  const value = useMemo<Auth>(
    () => ({ mode: "dev", ready, user, getToken, signIn, signOut }),
    [ready, user, getToken, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** Clerk mode: only rendered inside <ClerkProvider>, i.e. when a publishable key is configured. */
export function ClerkAuthProvider({ children }: { children: React.ReactNode }) {
  const { isLoaded, isSignedIn, getToken: clerkToken } = useAuth();
  const { user } = useUser();
  const clerk = useClerk();

  const getToken = useCallback(async () => (isSignedIn ? clerkToken({ skipCache: true }) : null), [isSignedIn, clerkToken]);
  const signIn = useCallback(() => clerk.openSignIn(), [clerk]);
  const signOut = useCallback(() => void clerk.signOut(), [clerk]);

  const value = useMemo<Auth>(
    () => ({
      mode: "clerk",
      ready: isLoaded,
      user: isSignedIn && user ? { id: user.id, name: user.fullName ?? user.username ?? user.id } : null,
      getToken,
      signIn,
      signOut,
    }),
    [isLoaded, isSignedIn, user, getToken, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
