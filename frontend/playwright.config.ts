import { defineConfig } from "@playwright/test";

// The suite drives Debian's Chromium against a platform that is already running
// (`./thriftstore up`, or the Maven e2e module's at THRIFTSTORE_PORT_OFFSET=20000).
// Playwright never downloads a browser here.
const offset = Number(process.env.THRIFTSTORE_PORT_OFFSET ?? "0");
const port = 3000 + offset;

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results/artifacts",
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  // Reuses the dashboard `./thriftstore up` started; otherwise serves the existing build (`npm run build` first).
  webServer: {
    command: `npx next start -H localhost -p ${port}`,
    url: `http://localhost:${port}/sign-in`,
    reuseExistingServer: true,
    timeout: 60_000,
    env: { THRIFTSTORE_PORT_OFFSET: String(offset), THRIFTSTORE_AUTH_MODE: "dev", NEXT_TELEMETRY_DISABLED: "1" },
  },
});
