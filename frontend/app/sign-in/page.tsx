"use client";

import { SignIn } from "@clerk/nextjs";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useSession } from "@/lib/auth";

const PEOPLE = [
  { id: "user_alice", name: "Alice" },
  { id: "user_bob", name: "Bob" },
  { id: "user_carol", name: "Carol" },
];

type DemoPerson = { id: string; name: string; about: string };

/** The people of `./thriftstore up --demo`, when this data directory has them (else none). */
function useDemoPeople(): DemoPerson[] {
  const [people, setPeople] = useState<DemoPerson[]>([]);
  useEffect(() => {
    let cancelled = false;
    fetch("/api/dev-people", { cache: "no-store" })
      .then((r) => (r.ok ? (r.json() as Promise<{ people: DemoPerson[] }>) : { people: [] }))
      .then((body) => !cancelled && setPeople(body.people ?? []))
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, []);
  return people;
}

export default function SignInPage() {
  const { mode } = useSession();
  return mode === "clerk" ? <SignIn routing="hash" /> : <DevSignIn />;
}

function DevSignIn() {
  const { signIn, user } = useSession();
  const router = useRouter();
  const [id, setId] = useState("");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const demoPeople = useDemoPeople();

  const enter = (next: { id: string; name: string }) => {
    signIn(next);
    router.push("/");
  };

  return (
    <>
      <h1>Sign in (local dev auth)</h1>
      <p className="muted">
        No Clerk key is configured, so this dashboard signs its own tokens with the platform&apos;s local dev key.
        Anyone can be anyone here: it is for development only.
      </p>
      {user ? <p>Signed in as {user.name}.</p> : null}
      {demoPeople.length > 0 ? (
        <section aria-label="Demo people" data-testid="demo-people">
          <h2>Step into the demo</h2>
          <p className="muted small">These people already buy, sell, chat and review on this demo marketplace.</p>
          <div className="demo-people">
            {demoPeople.map((p) => (
              <button key={p.id} className="card demo-person" onClick={() => enter({ id: p.id, name: p.name })}>
                <strong>{p.name}</strong>
                <span className="muted small">{p.about}</span>
              </button>
            ))}
          </div>
          <h2>Or someone new</h2>
        </section>
      ) : null}
      <div className="actions">
        {PEOPLE.map((p) => (
          <button key={p.id} className="secondary" onClick={() => enter(p)}>
            {p.name}
          </button>
        ))}
      </div>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          const userId = id.trim();
          if (!/^[A-Za-z0-9_\-.@]{1,64}$/.test(userId)) {
            setError("Letters, digits, _ - . @ only (no spaces or ':').");
            return;
          }
          enter({ id: userId, name: name.trim() || userId });
        }}
      >
        <label className="field">
          User id
          <input name="userId" placeholder="user_dana" value={id} onChange={(e) => setId(e.target.value)} />
          {error ? <span className="err">{error}</span> : null}
        </label>
        <label className="field">
          Display name
          <input name="displayName" placeholder="Dana" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit">Sign in</button>
      </form>
    </>
  );
}
