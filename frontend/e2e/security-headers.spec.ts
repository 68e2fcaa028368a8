import { expect, test, type Page } from "@playwright/test";
import { clerkFrontendApi } from "../lib/csp";
import { photo, run, signedIn } from "./helpers";

const offset = Number(process.env.THRIFTSTORE_PORT_OFFSET ?? "0");
const productService = `http://localhost:${5010 + offset}`;

/** The values of one directive of a policy. */
function directive(policy: string, name: string): string[] {
  const found = policy.split(";").map((d) => d.trim().split(/\s+/)).find(([n]) => n === name);
  return found ? found.slice(1) : [];
}

/** Collects what the browser reports as blocked by the page's policy. */
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|CSP violation/i.test(m.text())) violations.push(m.text());
  });
  // The event names the directive and the blocked URL even where Chromium logs nothing.
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`),
    );
  });
  return violations;
}

test("every page carries a Content-Security-Policy with a fresh nonce, and the other security headers", async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ["/", "/sign-in", "/orders", "/products/000000000000000000000000", "/no-such-page"]) {
    const response = await request.get(path);
    const headers = response.headers();
    const policy = headers["content-security-policy"] ?? "";
    expect(directive(policy, "default-src"), path).toEqual(["'self'"]);
    expect(directive(policy, "frame-ancestors"), path).toEqual(["'none'"]);
    const scripts = directive(policy, "script-src");
    expect(scripts, "scripts only with this response's nonce, never inline ones").toEqual(
      expect.arrayContaining(["'self'", "'strict-dynamic'"]),
    );
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(directive(policy, "img-src"), "images only from here and product-service").toEqual([
      "'self'",
      "data:",
      "blob:",
      productService,
    ]);
    expect(directive(policy, "connect-src")).toEqual(
      expect.arrayContaining(["'self'", productService, `ws://localhost:${5015 + offset}`, `ws://localhost:${8080 + offset}`]),
    );
    const nonce = scripts.find((s) => s.startsWith("'nonce-"));
    expect(nonce, "a nonce").toBeTruthy();
    nonces.add(nonce!);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"]).toBe("DENY");
  }
  expect(nonces.size, "a fresh nonce per response").toBe(5);
});

test("Clerk's origin is derived from its publishable key", () => {
  const key = `pk_test_${Buffer.from("example.clerk.accounts.dev$").toString("base64")}`;
  expect(clerkFrontendApi(key)).toBe("https://example.clerk.accounts.dev");
  expect(clerkFrontendApi("pk_test_not*base64")).toBeUndefined();
});

test("the main pages run under the policy: scripts, photos from product-service, live sockets, no violation", async ({ browser }) => {
  const seller = await signedIn(browser, "policy", "Pat Policy");
  const page = seller.page;
  const violations = cspViolations(page);
  const liveSockets = new Set<string>();
  page.on("websocket", (socket) =>
    socket.on("framereceived", (frame) => {
      if (String(frame.payload).startsWith("CONNECTED")) liveSockets.add(new URL(socket.url()).port);
    }),
  );

  // A listing with a photo: the image comes from product-service's origin.
  await page.goto("/sell");
  await page.getByLabel("Title").fill(`Policy lamp ${run}`);
  await page.getByLabel("Price (USD)").fill("5");
  await page.getByLabel("Category").selectOption("furniture");
  await page.getByLabel("Condition").selectOption("GOOD");
  await page.getByLabel("Quantity").fill("1");
  await page.locator('input[name="photos"]').setInputFiles(photo);
  await page.getByRole("button", { name: "List item" }).click();
  const img = page.locator(".main-image img");
  await expect(img).toHaveAttribute("src", new RegExp(`^${productService}/api/images/`));
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);

  for (const path of ["/", "/wishlist", "/orders", "/sales", "/inbox", "/notifications", "/my/listings", "/insights"]) {
    await page.goto(path);
    await expect(page.getByRole("status").filter({ hasText: "Loading" }), path).toHaveCount(0);
  }
  await expect
    .poll(() => liveSockets.has(String(8080 + offset)), { message: "the notification socket connected" })
    .toBe(true);
  expect(violations, violations.join("\n")).toEqual([]);
  await seller.context.close();
});
