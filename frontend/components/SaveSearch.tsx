"use client";

import Link from "next/link";
import { useState } from "react";
import { ApiError, useApi } from "@/lib/api";
import { useSession } from "@/lib/auth";
import type { SavedSearch } from "@/lib/savedSearches";

type Criteria = { q: string; category: string; maxPrice: string };

/**
 * "Save this search" on the browse page: keeps the words, category and maximum price that are applied now
 * (consumer-service tells the shopper when a matching item is listed). Signed-in shoppers only.
 */
export function SaveSearch({ criteria }: { criteria: Criteria }) {
  const api = useApi();
  const { ready, user } = useSession();
  const [state, setState] = useState<{ error?: ApiError; busy?: boolean }>({});
  // Which criteria were saved: the button says "Search saved" until the shopper searches for something else.
  const key = `${criteria.q}|${criteria.category}|${criteria.maxPrice}`;
  const [savedFor, setSavedFor] = useState<string | null>(null);
  if (!ready || !user) return null;
  const nothing = !criteria.q.trim() && !criteria.category && !criteria.maxPrice;

  const save = async () => {
    setState({ busy: true });
    const maxPrice = criteria.maxPrice ? Number(criteria.maxPrice) : undefined;
    try {
      await api<SavedSearch>("insights", "/api/saved-searches", {
        json: { q: criteria.q.trim() || undefined, category: criteria.category || undefined, maxPrice },
      });
      setSavedFor(key);
      setState({});
    } catch (e) {
      setState({ error: e instanceof ApiError ? e : new ApiError(0, "Something went wrong", String(e)) });
    }
  };

  return (
    <div className="save-search" data-testid="save-search">
      <button
        className="secondary"
        onClick={save}
        disabled={nothing || state.busy || savedFor === key}
        title={nothing ? "Search for words, pick a category or set a maximum price first" : "Hear when a new item matches"}
      >
        {savedFor === key ? "Search saved" : "Save this search"}
      </button>
      {savedFor === key ? (
        <span className="muted small" role="status">
          You will be told when a new item matches. <Link href="/saved-searches">Saved searches</Link>
        </span>
      ) : null}
      {state.error ? (
        <span className="err small" role="alert" data-testid="save-search-error">
          {state.error.status === 409
            ? `${state.error.detail ?? "You have as many saved searches as allowed."} `
            : state.error.fieldErrors().maxPrice
              ? `Maximum price ${state.error.fieldErrors().maxPrice}. `
              : `${state.error.detail ?? state.error.title} `}
          {state.error.status === 409 ? <Link href="/saved-searches">Manage saved searches</Link> : null}
        </span>
      ) : null}
    </div>
  );
}
