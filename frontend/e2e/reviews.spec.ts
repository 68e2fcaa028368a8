import { expect, test } from "@playwright/test";
import { callAs, rawCallAs, run, service, shot, signedIn } from "./helpers";

const PHONE = { width: 390, height: 844 };

test("a delivered order is reviewed on the phone; the seller hears it live and sees it in insights; the item page shows the rating", async ({ browser }) => {
  const seller = await signedIn(browser, "rseller", "Rae Seller");
  const buyer = await signedIn(browser, "rbuyer", "Ben Buyer");
  const itemName = `Linen armchair ${run}`;
  const product = await callAs<{ id: string }>(seller, "POST", `${service(5010)}/api/products`, {
    name: itemName,
    description: "Comfortable, light stain on one arm.",
    price: 85,
    category: "furniture",
    condition: "GOOD",
    quantity: 1,
  });

  // Before any review: the seller's name says so.
  await buyer.page.goto(`/products/${product.id}`);
  await expect(buyer.page.getByTestId("seller-rating")).toHaveText("No reviews yet");
  await buyer.page.getByRole("button", { name: "Buy now" }).click();
  await expect(buyer.page.getByTestId("order-status")).toHaveText("Confirmed");
  const orderUrl = buyer.page.url().replace(/\?.*$/, "");
  // No review form before delivery.
  await expect(buyer.page.getByTestId("review-form")).toHaveCount(0);

  // The seller ships and delivers from the orders to fulfil.
  await seller.page.goto("/sales");
  const sale = seller.page.getByTestId("order").filter({ hasText: itemName });
  await sale.getByRole("button", { name: "Mark shipped" }).click();
  await expect(sale.getByTestId("order-status")).toHaveText("Shipped");
  await sale.getByRole("button", { name: "Mark delivered" }).click();
  await expect(sale.getByTestId("order-status")).toHaveText("Delivered");
  await seller.page.goto("/insights");
  await expect(seller.page.getByRole("heading", { name: "Reviews" })).toBeVisible();
  await expect(seller.page.getByText("No reviews yet.")).toBeVisible();

  // The buyer, on a phone, rates it from the delivered order.
  await buyer.page.setViewportSize(PHONE);
  await buyer.page.goto(orderUrl);
  await expect(buyer.page.getByTestId("order-status")).toHaveText("Delivered");
  const form = buyer.page.getByTestId("review-form");
  await expect(form.getByRole("button", { name: "Post review" })).toBeDisabled();
  await form.getByRole("radio", { name: "4 stars" }).click();
  await form.getByLabel("Comment (optional)").fill("Comfy and as described, quick hand-over.");
  await shot(buyer.page, "20-phone-review-form");
  await form.getByRole("button", { name: "Post review" }).click();
  await expect(buyer.page.getByRole("heading", { name: "Your review" })).toBeVisible();
  await expect(buyer.page.getByTestId("review")).toContainText("Comfy and as described");
  await expect(buyer.page.getByTestId("review-form")).toHaveCount(0);
  await shot(buyer.page, "21-phone-review-posted");

  // The seller, still on the insights page, is told live: the item and the stars.
  const toast = seller.page.locator('[data-testid="toast"][data-type="REVIEW_RECEIVED"]');
  await expect(toast).toContainText(itemName);
  await expect(toast).toContainText("4 stars");
  await shot(seller.page, "22-seller-review-toast");
  await seller.page.reload();
  await expect(seller.page.getByTestId("insights-rating")).toContainText("4.0");
  await expect(seller.page.getByTestId("insights-rating")).toContainText("1 review");
  await expect(seller.page.getByTestId("review").filter({ hasText: "Comfy and as described" })).toContainText("Ben Buyer");
  await shot(seller.page, "23-insights-reviews");

  // Anyone sees the rating beside the seller's name, on desktop and on a phone.
  await seller.page.goto(`/products/${product.id}`);
  await expect(seller.page.getByTestId("seller-rating")).toContainText("4.0");
  await expect(seller.page.getByTestId("seller-rating")).toContainText("(1 review)");
  await shot(seller.page, "24-product-seller-rating");
  const visitor = await browser.newContext({ viewport: PHONE });
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(`/products/${product.id}`);
  await expect(visitorPage.getByTestId("seller-name")).toHaveText("Rae Seller");
  await expect(visitorPage.getByTestId("seller-rating")).toContainText("4.0");
  await shot(visitorPage, "25-phone-product-seller-rating");

  // A second review of the same order is refused by the service (the form is gone; the API says 409).
  const orderId = orderUrl.split("/").pop();
  const again = await rawCallAs(buyer, "POST", `${service(5014)}/api/orders/${orderId}/review`, { rating: 1 });
  expect(again.status()).toBe(409);

  await Promise.all([seller.context.close(), buyer.context.close(), visitor.close()]);
});

test("the dev sign-in page offers the demo people when the platform has demo data, and each lands in a populated account", async ({ page }) => {
  const listed = await page.request.get("/api/dev-people");
  expect(listed.ok()).toBeTruthy();
  const { people } = (await listed.json()) as { people: { id: string; name: string }[] };
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in (local dev auth)" })).toBeVisible();
  if (people.length === 0) {
    // Without `--demo` there is nobody to offer: the section is not there at all.
    await expect(page.getByTestId("demo-people")).toHaveCount(0);
    return;
  }
  await expect(page.getByTestId("demo-people").getByRole("button")).toHaveCount(people.length);
  await shot(page, "26-sign-in-demo-people");

  for (const person of people) {
    await page.goto("/sign-in");
    await page.getByTestId("demo-people").getByRole("button", { name: new RegExp(person.name) }).click();
    await expect(page.getByTestId("current-user")).toHaveText(person.name);
    for (const [path, testId] of [
      ["/orders", "order"],
      ["/sales", "order"],
      ["/inbox", "conversation"],
      ["/notifications", "notification"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByTestId(testId).first(), `${person.name} ${path}`).toBeVisible();
    }
  }
  await page.setViewportSize(PHONE);
  await page.goto("/sign-in");
  await expect(page.getByTestId("demo-people")).toBeVisible();
  await shot(page, "27-phone-sign-in-demo-people");
});
