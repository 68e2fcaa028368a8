"use client";

import Link from "next/link";
import { useState } from "react";
import { Empty, ErrorBox, Loading, RequireAuth } from "@/components/states";
import { ApiError, useApi, useLoad } from "@/lib/api";
import { label, money, when } from "@/lib/format";
import { browseLink, describeSearch, type SavedSearch } from "@/lib/savedSearches";

export default function SavedSearchesPage() {
  return (
    <RequireAuth what="your saved searches">
      <SavedSearches />
    </RequireAuth>
  );
}

function SavedSearches() {
  const api = useApi();
  const searches = useLoad("saved-searches", () => api<{ items: SavedSearch[] }>("insights", "/api/saved-searches"));
  const [error, setError] = useState<ApiError | null>(null);

  const remove = async (id: string) => {
    try {
      await api("insights", `/api/saved-searches/${id}`, { method: "DELETE" });
      searches.setData((s) => s && { items: s.items.filter((i) => i.id !== id) });
    } catch (e) {
      // Already gone (deleted in another tab): the list is simply out of date.
      if (e instanceof ApiError && e.status === 404) searches.reload();
      else setError(e as ApiError);
    }
  };

  return (
    <>
      <h1>Saved searches</h1>
      <p className="muted small">You are told (a notification, live) when a new item matches one of them. Up to 20.</p>
      {error ? <ErrorBox error={error} /> : null}
      {searches.error ? <ErrorBox error={searches.error} retry={searches.reload} /> : null}
      {searches.loading && !searches.data ? <Loading /> : null}
      {searches.data?.items.length === 0 ? (
        <Empty>
          No saved searches yet. Search on <Link href="/">Browse</Link> and choose “Save this search”.
        </Empty>
      ) : null}
      <div className="list">
        {searches.data?.items.map((s) => (
          <div key={s.id} className="card row" data-testid="saved-search">
            <div>
              <Link href={browseLink(s)}>
                <strong>{describeSearch(s, label, (n) => money(n))}</strong>
              </Link>
              <div className="muted small">saved {when(s.createdAt)}</div>
            </div>
            <div className="actions">
              <button className="secondary" onClick={() => remove(s.id)}>
                Delete
              </button>
            </div>
          </div>
        ))}
      </div>
    </>
  );
}
