import { createPrivateKey, createSign, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { dashboardOrigin, devAuthEnabled } from "@/lib/config";

// Dev-auth only: signs Clerk-shaped RS256 tokens with the launcher's dev key
// (the shape of devtools/dev-tokens' DevTokens). Absent whenever Clerk is configured.
export const dynamic = "force-dynamic";

const TTL_SECONDS = 120;
const USER_ID = /^[A-Za-z0-9_\-.@]{1,64}$/; // user ids never contain ':' (they form conversation ids)

function keyPath(): string {
  const data = process.env.THRIFTSTORE_DATA ?? path.resolve(process.cwd(), "..", ".data");
  return path.join(data, "dev-keys", "private.pem");
}

const base64url = (value: Buffer | string) => Buffer.from(value).toString("base64url");

export async function POST(request: Request) {
  if (!devAuthEnabled()) return new Response(null, { status: 404 });
  let body: { userId?: unknown; name?: unknown };
  try {
    body = await request.json();
  } catch {
    return Response.json({ title: "Malformed JSON" }, { status: 400 });
  }
  const userId = typeof body.userId === "string" ? body.userId.trim() : "";
  const name = typeof body.name === "string" && body.name.trim() ? body.name.trim().slice(0, 80) : userId;
  if (!USER_ID.test(userId)) {
    return Response.json({ title: "Invalid user id", detail: "Letters, digits, _ - . @ only; no ':'" }, { status: 400 });
  }
  let pem: string;
  try {
    pem = await readFile(keyPath(), "utf8");
  } catch {
    return Response.json(
      { title: "No dev key", detail: `${keyPath()} is missing: start the platform with ./thriftstore up` },
      { status: 503 },
    );
  }
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: "RS256", typ: "JWT" };
  const claims = {
    sub: userId,
    name,
    iat: now,
    nbf: now - 5,
    exp: now + TTL_SECONDS,
    iss: "thriftstore-dev",
    azp: dashboardOrigin(),
    sid: `sess_dev_${randomUUID()}`,
  };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign("RSA-SHA256").update(input).sign(createPrivateKey(pem));
  return Response.json({ token: `${input}.${base64url(signature)}`, expiresAt: claims.exp }, {
    headers: { "Cache-Control": "no-store" },
  });
}
