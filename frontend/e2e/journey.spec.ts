import { expect, test } from "@playwright/test";
import { photo, run, shot, signedIn } from "./helpers";

test("sell with a photo, wishlist, live notice, buy, ship, chat both ways; a third user sees none of it", async ({ browser }) => {
  const seller = await signedIn(browser, "seller", "Sam Seller");
  const buyer = await signedIn(browser, "buyer", "Bea Buyer");
  const itemName = `Brass desk lamp ${run}`;

  // The sell form shows the API's field errors next to the fields.
  await seller.page.goto("/sell");
  await seller.page.getByRole("button", { name: "List item" }).click();
  await expect(seller.page.locator(".field .err").first()).toBeVisible();
  await shot(seller.page, "03-sell-field-errors");

  // Sell with a photo.
  await seller.page.getByLabel("Title").fill(itemName);
  await seller.page.getByLabel("Description").fill("Works, warm light, small dent on the base.");
  await seller.page.getByLabel("Price (USD)").fill("24.50");
  await seller.page.getByLabel("Category").selectOption("furniture");
  await seller.page.getByLabel("Condition").selectOption("GOOD");
  await seller.page.getByLabel("Quantity").fill("1");
  await seller.page.locator('input[name="photos"]').setInputFiles(photo);
  await seller.page.getByRole("button", { name: "List item" }).click();
  await expect(seller.page.getByTestId("product-name")).toHaveText(itemName);
  const productUrl = seller.page.url();
  const photoImg = seller.page.locator(".main-image img");
  await expect(photoImg).toHaveAttribute("src", /\/api\/images\//);
  await expect.poll(() => photoImg.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(seller.page.getByText("This is your listing.")).toBeVisible();
  await shot(seller.page, "04-product-owner");

  // The buyer finds it while browsing and puts it on their wishlist.
  await buyer.page.goto(`/?q=${encodeURIComponent(run)}`);
  await buyer.page.getByTestId("product-card").filter({ hasText: itemName }).click();
  await expect(buyer.page.getByTestId("product-name")).toHaveText(itemName);
  await buyer.page.getByRole("button", { name: "Add to wishlist" }).click();
  await expect(buyer.page.getByRole("button", { name: "Remove from wishlist" })).toBeVisible();
  await shot(buyer.page, "05-product-buyer");

  // The seller, still on the item page, is told live: toast and bell, no reload.
  await expect(seller.page.getByTestId("toast").first()).toBeVisible();
  await expect(seller.page.getByTestId("unread-count")).toHaveText("1");
  await shot(seller.page, "06-seller-live-notification");

  await buyer.page.goto("/wishlist");
  await expect(buyer.page.getByTestId("wishlist-item").filter({ hasText: itemName })).toContainText("available");
  await shot(buyer.page, "07-wishlist");

  // A third user has the item open too, Buy button and all, while the buyer takes the only one.
  const third = await signedIn(browser, "third", "Tia Third");
  await third.page.goto(productUrl);
  await expect(third.page.getByRole("button", { name: "Buy now" })).toBeVisible();

  // Buy in one step: the answer is the outcome, confirmed at once (no waiting on a pending order).
  await buyer.page.goto(productUrl);
  await buyer.page.getByRole("button", { name: "Buy now" }).click();
  await expect(buyer.page).toHaveURL(/\/orders\//);
  await expect(buyer.page.getByTestId("order-placed")).toContainText("Order confirmed");
  await expect(buyer.page.getByTestId("order-status")).toHaveText("Confirmed");
  await shot(buyer.page, "08-order-confirmed");

  // Too late: the third user is told at once that it is sold out, and nothing is ordered.
  await third.page.getByRole("button", { name: "Buy now" }).click();
  await expect(third.page.getByTestId("sold-out")).toContainText("Sold out");
  await expect(third.page.getByRole("button", { name: "Buy now" })).toHaveCount(0);
  await shot(third.page, "08b-sold-out");

  // The seller ships it from the orders to fulfil.
  await seller.page.goto("/sales");
  const sale = seller.page.getByTestId("order").filter({ hasText: itemName });
  await expect(sale.getByTestId("order-status")).toHaveText("Confirmed");
  await expect(sale).toContainText("Bea Buyer");
  await shot(seller.page, "09-orders-to-fulfil");
  await sale.getByRole("button", { name: "Mark shipped" }).click();
  await expect(sale.getByTestId("order-status")).toHaveText("Shipped");

  // The buyer, still on the order page, sees it shipped (live notice -> the page refreshes).
  await expect(buyer.page.getByTestId("order-status")).toHaveText("Shipped");
  await expect(buyer.page.getByTestId("toast").filter({ hasText: /ship/i }).first()).toBeVisible();
  await expect(buyer.page.locator(".timeline li")).toHaveCount(3);
  await shot(buyer.page, "10-buyer-sees-shipped");

  // Chat both ways.
  await buyer.page.goto(productUrl);
  await buyer.page.getByRole("button", { name: "Chat with Sam Seller" }).click();
  await expect(buyer.page).toHaveURL(/\/inbox\//);
  await expect(buyer.page.getByTestId("chat-state")).toHaveText("live");
  await buyer.page.getByLabel("Message").fill("Hi! When can I pick it up?");
  await buyer.page.getByRole("button", { name: "Send" }).click();
  await expect(buyer.page.getByTestId("message").filter({ hasText: "When can I pick it up?" })).toHaveCount(1);
  await expect(buyer.page.getByTestId("message").filter({ hasText: "When can I pick it up?" })).not.toContainText("sending");

  await seller.page.goto("/inbox");
  const conversation = seller.page.getByTestId("conversation").filter({ hasText: "Bea Buyer" });
  await expect(conversation).toContainText("When can I pick it up?");
  await expect(conversation.getByTestId("unread-badge")).toHaveText("1");
  await shot(seller.page, "11-seller-inbox");
  await conversation.click();
  await expect(seller.page.getByTestId("message").filter({ hasText: "When can I pick it up?" })).toBeVisible();
  await expect(seller.page.getByTestId("chat-state")).toHaveText("live");
  await seller.page.getByLabel("Message").fill("Tomorrow after 5 works.");
  await seller.page.getByRole("button", { name: "Send" }).click();

  await expect(buyer.page.getByTestId("message").filter({ hasText: "Tomorrow after 5 works." })).toHaveCount(1);
  await shot(buyer.page, "12-buyer-conversation");
  await shot(seller.page, "13-seller-conversation");

  // Reloading (a reconnect) shows each message once.
  await buyer.page.reload();
  await expect(buyer.page.getByTestId("message")).toHaveCount(2);

  await buyer.page.goto("/notifications");
  await expect(buyer.page.getByTestId("notification").filter({ hasText: /shipped/i }).first()).toBeVisible();
  await shot(buyer.page, "14-notifications");
  await buyer.page.getByRole("button", { name: "Mark all read" }).click();
  await expect(buyer.page.getByTestId("unread-count")).toHaveCount(0);

  await seller.page.goto("/my/listings");
  await seller.page.getByRole("tab", { name: "Sold out" }).click();
  await expect(seller.page.getByTestId("product-card").filter({ hasText: itemName })).toBeVisible();
  await shot(seller.page, "15-my-listings");
  await seller.page.goto("/insights");
  await expect(seller.page.getByRole("heading", { name: "Seller insights" })).toBeVisible();
  await shot(seller.page, "16-insights");

  // The third user sees none of it (their sold-out attempt stored nothing).
  for (const [path, empty] of [
    ["/orders", "You have not ordered anything yet."],
    ["/sales", "Nobody has ordered from you yet."],
    ["/inbox", "No conversations yet."],
    ["/notifications", "Nothing here yet."],
  ] as const) {
    await third.page.goto(path);
    await expect(third.page.getByText(empty)).toBeVisible();
  }
  await expect(third.page.getByTestId("unread-count")).toHaveCount(0);
  await shot(third.page, "17-third-user-notifications");

  // Phone width: the menu folds away and the item page still works.
  await third.page.setViewportSize({ width: 390, height: 844 });
  await third.page.goto(productUrl);
  await expect(third.page.getByTestId("product-name")).toHaveText(itemName);
  await expect(third.page.getByRole("button", { name: "Menu" })).toBeVisible();
  await shot(third.page, "18-phone-product");

  await Promise.all([seller.context.close(), buyer.context.close(), third.context.close()]);
});
