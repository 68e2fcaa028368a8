import { readFile } from "node:fs/promises";
import path from "node:path";
import { devAuthEnabled } from "@/lib/config";

// Dev-auth only: the people `./thriftstore up --demo` created (written by the launcher to
// <data>/demo-people.json), so the sign-in page can offer them as one-click choices.
// No demo data: an empty list (a normal answer, not an error the browser would log).
export const dynamic = "force-dynamic";

type DemoPerson = { id: string; name: string; about: string };

function peoplePath(): string {
  const data = process.env.THRIFTSTORE_DATA ?? path.resolve(process.cwd(), "..", ".data");
  return path.join(data, "demo-people.json");
}

const USER_ID = /^[A-Za-z0-9_\-.@]{1,64}$/;

export async function GET() {
  if (!devAuthEnabled()) return new Response(null, { status: 404 });
  let people: DemoPerson[] = [];
  try {
    const parsed: unknown = JSON.parse(await readFile(peoplePath(), "utf8"));
    if (Array.isArray(parsed)) {
      people = parsed
        .filter((p): p is DemoPerson => typeof p?.id === "string" && USER_ID.test(p.id) && typeof p?.name === "string")
        .map((p) => ({ id: p.id, name: p.name.slice(0, 80), about: typeof p.about === "string" ? p.about.slice(0, 200) : "" }));
    }
  } catch {
    people = []; // no demo data in this data directory
  }
  return Response.json({ people }, { headers: { "Cache-Control": "no-store" } });
}
