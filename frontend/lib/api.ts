"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { PlatformConfig } from "./config";
import { useSession } from "./auth";
import { usePlatform } from "./runtime";

export type FieldError = { field: string; message: string };

/** An RFC 9457 problem from a service, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | null,
    readonly errors: FieldError[] = [],
    /** The problem's stable `type` URI (e.g. `https://thriftstore.dev/problems/sold-out`), when the service sent one. */
    readonly type: string | null = null,
  ) {
    super(detail ?? title);
  }

  /** 409 `sold-out`: an item of the order lacks stock and nothing was ordered. */
  isSoldOut(): boolean {
    return this.status === 409 && (this.type ?? "").endsWith("/sold-out");
  }

  fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.errors.map((e) => [e.field, e.message]));
  }
}

type Service = keyof Omit<PlatformConfig, "chatSocket" | "notificationSocket" | "devAuth">;

export type CallOptions = {
  method?: string;
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
  /** Send a token (default true); public reads pass false so signed-out calls never fail. */
  auth?: boolean;
};

export function useApi() {
  const config = usePlatform();
  const { getToken } = useSession();

  return useCallback(
    async <T,>(service: Service, path: string, options: CallOptions = {}): Promise<T> => {
      const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
      if (options.auth !== false) {
        const token = await getToken();
        if (!token) throw new ApiError(401, "Sign in first", "This needs you to be signed in.");
        headers.Authorization = `Bearer ${token}`;
      }
      let body: BodyInit | undefined;
      if (options.form) body = options.form;
      else if (options.json !== undefined) {
        headers["Content-Type"] = "application/json";
        body = JSON.stringify(options.json);
      }
      let response: Response;
      try {
        response = await fetch(config[service] + path, {
          method: options.method ?? (body ? "POST" : "GET"),
          headers,
          body,
          cache: "no-store",
        });
      } catch {
        throw new ApiError(0, "The service cannot be reached", `Is the platform running? (${service})`);
      }
      if (!response.ok) {
        let problem: { title?: string; detail?: string; errors?: FieldError[]; type?: string } = {};
        try {
          problem = await response.json();
        } catch {
          // Not JSON (a proxy error page, say): the status alone is what we can show.
        }
        throw new ApiError(response.status, problem.title ?? response.statusText, problem.detail ?? null, problem.errors ?? [],
          problem.type ?? null);
      }
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      return (text ? JSON.parse(text) : undefined) as T;
    },
    [config, getToken],
  );
}

export type Loaded<T> = {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
  setData: (update: (current: T | undefined) => T | undefined) => void;
};

/** Runs `load` when `key` changes (null = do not load yet); keeps the last good data on reload. */
export function useLoad<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  // Which request the current data/error answer; loading = the latest one has not answered yet.
  const [answered, setAnswered] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const request = key === null ? null : `${key}#${generation}`;

  useEffect(() => {
    if (request === null) return;
    let cancelled = false;
    loadRef.current().then(
      (value) => {
        if (cancelled) return;
        setDataState(value);
        setError(null);
        setAnswered(request);
      },
      (e: unknown) => {
        if (cancelled) return;
        setError(e instanceof ApiError ? e : new ApiError(0, "Something went wrong", String(e)));
        setAnswered(request);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [request]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const setData = useCallback((update: (current: T | undefined) => T | undefined) => setDataState(update), []);
  return { data, error, loading: request !== null && answered !== request, reload, setData };
}
