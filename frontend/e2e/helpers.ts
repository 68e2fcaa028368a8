import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import path from "node:path";

const SHOTS = path.join(__dirname, "..", "test-results", "screenshots");
mkdirSync(SHOTS, { recursive: true });

/** Saves a full-page screenshot of what the user sees now (test-results/screenshots/<name>.png). */
export async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Unique per run so that reruns against a platform with old data start clean. */
export const run = Date.now().toString(36);

export type User = { context: BrowserContext; page: Page; id: string; name: string };

/** A user in their own browser context (own storage = own session), signed in through the dev-auth form. */
export async function signedIn(browser: Browser, who: string, name: string): Promise<User> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const id = `user_${who}_${run}`;
  await page.goto("/sign-in");
  await page.getByLabel("User id").fill(id);
  await page.getByLabel("Display name").fill(name);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toHaveText(name);
  return { context, page, id, name };
}

/** An 8x8 PNG (real image bytes: the service checks content, not the file name). */
export const photo = {
  name: "lamp.png",
  mimeType: "image/png",
  buffer: Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4UaGBFTEMLQkAUtVaAV8W4QQAAAAASUVORK5CYII=",
    "base64",
  ),
};

const offset = Number(process.env.THRIFTSTORE_PORT_OFFSET ?? "0");

/** A service's base URL on the platform under test (5010 products, 5014 orders, ...). */
export const service = (basePort: number) => `http://localhost:${basePort + offset}`;

/**
 * Calls a service's REST API as `user` with a token from the dashboard's dev-token route: for the set-up
 * steps a test is not about (listing an item, say), so the browser time goes to what the test checks.
 */
export async function callAs<T>(user: User, method: string, url: string, data?: unknown): Promise<T> {
  const response = await rawCallAs(user, method, url, data);
  expect(response.ok(), `${method} ${url}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

/** The same, answering the raw response (to check a refusal). */
export async function rawCallAs(user: User, method: string, url: string, data?: unknown) {
  const issued = await user.page.request.post("/api/dev-token", { data: { userId: user.id, name: user.name } });
  expect(issued.ok()).toBeTruthy();
  const { token } = (await issued.json()) as { token: string };
  return user.page.request.fetch(url, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(data === undefined ? {} : { "Content-Type": "application/json" }) },
    data: data === undefined ? undefined : JSON.stringify(data),
  });
}
