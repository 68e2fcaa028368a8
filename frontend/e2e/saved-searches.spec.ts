import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { run, shot, signedIn, type User } from "./helpers";

const offset = Number(process.env.THRIFTSTORE_PORT_OFFSET ?? "0");
const consumerService = `http://localhost:${5013 + offset}`;

/** Lists an item through the sell form; returns its page's URL. */
async function sell(page: Page, name: string, description: string, price: string, quantity = "1") {
  await page.goto("/sell");
  await page.getByLabel("Title").fill(name);
  await page.getByLabel("Description").fill(description);
  await page.getByLabel("Price (USD)").fill(price);
  await page.getByLabel("Category").selectOption("furniture");
  await page.getByLabel("Condition").selectOption("GOOD");
  await page.getByLabel("Quantity").fill(quantity);
  await page.getByRole("button", { name: "List item" }).click();
  await expect(page.getByTestId("product-name")).toHaveText(name);
  return page.url();
}

/** A bearer token for the user, from the dashboard's dev-token route (as the pages get theirs). */
async function token(request: APIRequestContext, user: User): Promise<string> {
  const answer = await request.post("/api/dev-token", { data: { userId: user.id, name: user.name } });
  expect(answer.ok()).toBe(true);
  return (await answer.json()).token;
}

test("save a search while browsing, hear of a matching listing live, then list and delete it", async ({ browser }) => {
  const shopper = await signedIn(browser, "searcher", "Sia Searcher");
  const seller = await signedIn(browser, "lister", "Leo Lister");
  const word = `stool${run}`;

  // Browse with words, a category and a maximum price, and save exactly that.
  await shopper.page.goto(`/?q=${encodeURIComponent(`teak ${word}`)}&category=furniture&maxPrice=50`);
  await expect(shopper.page.getByText("No items match")).toBeVisible();
  await shopper.page.getByRole("button", { name: "Save this search" }).click();
  await expect(shopper.page.getByRole("button", { name: "Search saved" })).toBeDisabled();
  await shot(shopper.page, "19-save-this-search");

  // A matching item is listed: the shopper, still browsing, is told live.
  const productUrl = await sell(seller.page, `Teak ${word}`, "Low, solid, steady legs.", "35");
  const toast = shopper.page.getByTestId("toast").filter({ hasText: `New match: Teak ${word}` });
  await expect(toast).toBeVisible();
  await expect(toast).toContainText("matches your saved search");
  await expect(shopper.page.getByTestId("unread-count")).toHaveText("1");
  await shot(shopper.page, "20-new-match-toast");
  await toast.getByRole("link", { name: "Open" }).click();
  await expect(shopper.page.getByTestId("product-name")).toHaveText(`Teak ${word}`);

  // The seller archives and relists it from the item page; the shopper was told once already.
  await seller.page.goto(productUrl);
  await seller.page.getByRole("button", { name: "Archive" }).click();
  await expect(seller.page.getByRole("button", { name: "Relist" })).toBeVisible();
  await seller.page.getByRole("button", { name: "Relist" }).click();
  await expect(seller.page.getByRole("button", { name: "Archive" })).toBeVisible();

  await shopper.page.goto("/saved-searches");
  const saved = shopper.page.getByTestId("saved-search");
  await expect(saved).toHaveCount(1);
  await expect(saved).toContainText(`“teak ${word}” · furniture · up to $50.00`);
  await shot(shopper.page, "21-saved-searches");
  await shopper.page.goto("/notifications");
  await expect(shopper.page.getByTestId("notification").filter({ hasText: `New match: Teak ${word}` })).toHaveCount(1);

  await shopper.page.goto("/saved-searches");
  await saved.getByRole("button", { name: "Delete" }).click();
  await expect(shopper.page.getByText("No saved searches yet.")).toBeVisible();
  await shopper.page.reload();
  await expect(shopper.page.getByText("No saved searches yet.")).toBeVisible();
  await Promise.all([shopper.context.close(), seller.context.close()]);
});

test("at phone width the menu button shows an icon and leads to saved searches", async ({ browser }) => {
  const shopper = await signedIn(browser, "phone", "Pia Phone");
  await shopper.page.setViewportSize({ width: 390, height: 844 });
  await shopper.page.goto(`/?q=lamp${run}`);
  await shopper.page.getByRole("button", { name: "Save this search" }).click();
  await expect(shopper.page.getByRole("button", { name: "Search saved" })).toBeVisible();

  const menu = shopper.page.getByRole("button", { name: "Menu" });
  await expect(menu).toBeVisible();
  const icon = await menu.getByTestId("menu-icon").boundingBox();
  expect(icon?.width ?? 0, "the menu icon is drawn").toBeGreaterThan(10);
  await shot(shopper.page, "22-phone-browse-menu-closed");
  await menu.click();
  await shopper.page.getByRole("navigation").getByRole("link", { name: "Saved searches" }).click();
  await expect(shopper.page).toHaveURL(/\/saved-searches$/);
  await expect(shopper.page.getByTestId("saved-search")).toContainText(`“lamp${run}”`);
  await shot(shopper.page, "23-phone-saved-searches");
  await shopper.context.close();
});

test("a shopper who saves too fast is told to slow down (429), in words", async ({ browser, request }) => {
  const shopper = await signedIn(browser, "hasty", "Hal Hasty");
  const bearer = await token(request, shopper);

  // Other writes of the same user use up the write limit, and keep it used up (the bucket refills smoothly).
  let stop = false;
  let limited = false;
  const hammer = (async () => {
    while (!stop) {
      const answer = await request.post(`${consumerService}/api/saved-searches`, {
        headers: { Authorization: `Bearer ${bearer}` },
        data: { q: `kettle${run}` },
      });
      if (answer.status() === 429) {
        expect(answer.headers()["retry-after"]).toBeTruthy();
        limited = true;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  await expect.poll(() => limited, { timeout: 60_000 }).toBe(true);
  // Each attempt searches for something new, so that a save that slipped through leaves the next one possible.
  let attempt = 0;
  await expect(async () => {
    attempt += 1;
    await shopper.page.goto(`/?q=teapot${run}x${attempt}`);
    await shopper.page.getByRole("button", { name: "Save this search" }).click({ timeout: 5000 });
    await expect(shopper.page.getByTestId("save-search-error")).toContainText("Too many changes", { timeout: 5000 });
  }).toPass({ timeout: 60_000 });
  stop = true;
  await hammer;
  await shot(shopper.page, "24-too-many-changes");
  await shopper.context.close();
});

test("orders to fulfil: the seller delivers one and cancels another with a reason the buyer sees", async ({ browser }) => {
  const seller = await signedIn(browser, "fulfiller", "Fay Fulfiller");
  const buyer = await signedIn(browser, "orderer", "Otis Orderer");
  const itemName = `Oak chair ${run}`;
  const productUrl = await sell(seller.page, itemName, "Sturdy, a few scratches.", "20", "2");

  const buy = async () => {
    await buyer.page.goto(productUrl);
    await buyer.page.getByRole("button", { name: "Buy now" }).click();
    await expect(buyer.page.getByTestId("order-status")).toHaveText("Confirmed");
    return buyer.page.url();
  };
  await buy();
  await seller.page.goto("/sales");
  const first = seller.page.getByTestId("order").filter({ hasText: itemName }).first();
  await first.getByRole("button", { name: "Mark shipped" }).click();
  await expect(first.getByTestId("order-status")).toHaveText("Shipped");
  await first.getByRole("button", { name: "Mark delivered" }).click();
  await expect(first.getByTestId("order-status")).toHaveText("Delivered");
  await shot(seller.page, "25-delivered");

  const secondUrl = await buy();
  await seller.page.goto("/sales");
  const second = seller.page.getByTestId("order").filter({ hasText: itemName }).filter({ has: seller.page.getByText("Confirmed") });
  await second.getByRole("button", { name: "Cancel with reason" }).click();
  await second.getByLabel("Reason").fill("The chair broke in storage");
  await second.getByRole("button", { name: "Confirm cancel" }).click();
  await expect(seller.page.getByTestId("order").filter({ hasText: "The chair broke in storage" }).getByTestId("order-status")).toHaveText("Cancelled");

  await buyer.page.goto(secondUrl);
  await expect(buyer.page.getByTestId("order-status")).toHaveText("Cancelled");
  await expect(buyer.page.getByText("reason: The chair broke in storage")).toBeVisible();
  await shot(buyer.page, "26-cancelled-with-reason");
  await Promise.all([seller.context.close(), buyer.context.close()]);
});

test("no page logs an error in the browser console, signed in, item pages included", async ({ browser }) => {
  const user = await signedIn(browser, "quiet", "Quinn Quiet");
  const problems: string[] = [];
  user.page.on("console", (m) => m.type() === "error" && problems.push(`console on ${user.page.url()}: ${m.text()}`));
  user.page.on("pageerror", (e) => problems.push(`page error on ${user.page.url()}: ${e.message}`));
  user.page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));

  const mine = await sell(user.page, `Quiet lamp ${run}`, "Dimmable.", "12");
  const other = await signedIn(browser, "neighbour", "Nell Neighbour");
  const theirs = await sell(other.page, `Neighbour's vase ${run}`, "Blue glass.", "9");
  for (const path of [
    "/", mine, theirs, "/sell", "/my/listings", "/wishlist", "/saved-searches", "/orders", "/sales",
    "/inbox", "/notifications", "/insights",
  ]) {
    await user.page.goto(path);
    await expect(user.page.getByRole("status").filter({ hasText: "Loading" }), path).toHaveCount(0);
  }
  // The item page of someone else's item asked whether it is on my wishlist: "no" is not an error.
  await user.page.goto(theirs);
  await expect(user.page.getByRole("button", { name: "Add to wishlist" })).toBeEnabled();
  expect(await user.page.locator('link[rel="icon"]').count(), "a favicon is declared (no /favicon.ico 404)").toBeGreaterThan(0);
  expect(problems, problems.join("\n")).toEqual([]);
  await Promise.all([user.context.close(), other.context.close()]);
});
