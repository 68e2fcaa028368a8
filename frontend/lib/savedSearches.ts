/** A saved search (consumer-service, DESIGN "saved searches"): null fields were not given. */
export type SavedSearch = { id: string; q: string | null; category: string | null; maxPrice: number | null; createdAt: string };

/** What a saved search looks for, in words: `"brass lamp" · Furniture · up to $30.00`. */
export function describeSearch(s: Pick<SavedSearch, "q" | "category" | "maxPrice">, label: (v: string) => string, money: (n: number) => string): string {
  const parts: string[] = [];
  if (s.q) parts.push(`“${s.q}”`);
  if (s.category) parts.push(label(s.category));
  if (s.maxPrice != null) parts.push(`up to ${money(s.maxPrice)}`);
  return parts.join(" · ");
}

/** The browse page's link for a saved search, to see what matches today. */
export function browseLink(s: Pick<SavedSearch, "q" | "category" | "maxPrice">): string {
  const params = new URLSearchParams();
  if (s.q) params.set("q", s.q);
  if (s.category) params.set("category", s.category);
  if (s.maxPrice != null) params.set("maxPrice", String(s.maxPrice));
  return `/?${params}`;
}
