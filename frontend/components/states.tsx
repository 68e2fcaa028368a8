"use client";

import Link from "next/link";
import type { ApiError } from "@/lib/api";
import { useSession } from "@/lib/auth";

export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      {what}…
    </p>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function ErrorBox({ error, retry }: { error: ApiError | Error; retry?: () => void }) {
  return (
    <div className="error" role="alert">
      <strong>{"title" in error ? error.title : "Something went wrong"}</strong>
      {"detail" in error && error.detail ? <span> — {error.detail}</span> : null}
      {retry ? (
        <button className="link" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** Pages for signed-in users only: a clear prompt instead of failing calls when signed out. */
export function RequireAuth({ children, what }: { children: React.ReactNode; what: string }) {
  const { ready, user } = useSession();
  if (!ready) return <Loading />;
  if (!user) {
    return (
      <Empty>
        <p>Sign in to see {what}.</p>
        <Link className="button" href="/sign-in">
          Sign in
        </Link>
      </Empty>
    );
  }
  return <>{children}</>;
}
