"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { useSession } from "@/lib/auth";
import { Bell } from "./Notifications";

const SIGNED_IN_LINKS = [
  ["/sell", "Sell"],
  ["/my/listings", "My listings"],
  ["/wishlist", "Wishlist"],
  ["/saved-searches", "Saved searches"],
  ["/orders", "My orders"],
  ["/sales", "To fulfil"],
  ["/inbox", "Inbox"],
  ["/insights", "Insights"],
] as const;

export function Header() {
  const { mode, ready, user, signOut } = useSession();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  return (
    <header className="header">
      <div className="bar">
        <Link href="/" className="brand">
          ThriftStore
        </Link>
        {mode === "dev" ? (
          <span className="devbadge" title="Tokens are signed locally with the dev key; not for production">
            DEV AUTH
          </span>
        ) : null}
        <span className="spacer" />
        {ready && user ? <Bell /> : null}
        <button className="menu-toggle" aria-expanded={open} aria-label="Menu" onClick={() => setOpen(!open)}>
          {/* Inline SVG, not "☰": that glyph is missing from many system fonts and showed as an empty box. */}
          <svg aria-hidden width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" data-testid="menu-icon">
            <path d="M4 6h16M4 12h16M4 18h16" />
          </svg>
        </button>
      </div>
      <nav className={`nav ${open ? "open" : ""}`} onClick={() => setOpen(false)}>
        <Link href="/" className={pathname === "/" ? "active" : ""}>
          Browse
        </Link>
        {user
          ? SIGNED_IN_LINKS.map(([href, text]) => (
              <Link key={href} href={href} className={pathname.startsWith(href) ? "active" : ""}>
                {text}
              </Link>
            ))
          : null}
        <span className="spacer" />
        {!ready ? null : user ? (
          <span className="user">
            <span data-testid="current-user">{user.name}</span>
            <button className="link" onClick={signOut}>
              Sign out
            </button>
          </span>
        ) : (
          <Link href="/sign-in">Sign in</Link>
        )}
      </nav>
    </header>
  );
}
