import { expect, test } from "@playwright/test";
import { shot } from "./helpers";

test("a signed-out visitor browses with no failing call and no console error", async ({ page, baseURL }) => {
  const problems: string[] = [];
  const foreignHosts: string[] = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => {
    // An abort is the browser cancelling what the page it leaves was still loading: Next's route prefetches when
    // the user navigates on, or the page's icon when this test moves on with page.goto. Not a failing call; an
    // answer that did fail still shows up below as its HTTP status.
    if (r.failure()?.errorText === "net::ERR_ABORTED") return;
    problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  page.on("request", (r) => {
    const host = new URL(r.url()).hostname;
    if (host !== "localhost" && !r.url().startsWith("data:")) foreignHosts.push(r.url());
  });

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Browse" })).toBeVisible();
  await expect(page.getByText("Loading items…")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await shot(page, "01-browse-signed-out");

  await page.getByLabel("Sort").selectOption("price_asc");
  await expect(page).toHaveURL(/sort=price_asc/);
  await page.getByLabel("Search").fill("nothing-matches-this-zzz");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No items match")).toBeVisible();

  const cards = page.getByTestId("product-card");
  await page.goto("/");
  await expect(page.getByText("Loading items…")).toHaveCount(0);
  if ((await cards.count()) > 0) {
    await cards.first().click();
    await expect(page.getByTestId("product-name")).toBeVisible();
    await expect(page.getByText("to buy, save or ask the seller")).toBeVisible();
    await shot(page, "02-product-signed-out");
  }
  await page.goto("/orders");
  await expect(page.getByText("Sign in to see your orders")).toBeVisible();

  expect(problems, problems.join("\n")).toEqual([]);
  expect(foreignHosts, `only ${baseURL} and the platform may be contacted`).toEqual([]);
});
