package io.thriftstore.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's browser suite (Playwright driving Debian's Chromium, see frontend/e2e)
 * against the platform the other end-to-end classes share, so the whole system starts once.
 * It needs Node.js and Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium): {@code ./thriftstore test}
 * installs both when they are missing.
 */
@Order(4)
class DashboardIT {

    static final Path FRONTEND = Platform.ROOT.resolve("frontend");

    @BeforeAll
    static void platform() throws Exception {
        assertThat(Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium")))
                .as("Debian's Chromium (./thriftstore test installs it; or apt-get install -y chromium)").exists();
        assertThat(FRONTEND.resolve("node_modules")).as("the dashboard's packages (./thriftstore test installs them; or npm ci)").exists();
        Platform.start();
    }

    @Test
    void theShopperAndSellerJourneysPassInARealBrowserAndEveryPageIsPhotographed() throws Exception {
        Path screenshots = FRONTEND.resolve("test-results/screenshots");
        deleteRecursively(screenshots); // only this run's pictures count
        Path log = Path.of("target/dashboard-e2e.log").toAbsolutePath();
        ProcessBuilder playwright = new ProcessBuilder("npx", "playwright", "test")
                .directory(FRONTEND.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        playwright.environment().put("THRIFTSTORE_PORT_OFFSET", String.valueOf(Platform.OFFSET));
        playwright.environment().put("THRIFTSTORE_DATA", Platform.DATA.toString());
        playwright.environment().put("CI", "true");
        Process run = playwright.start();
        run.getOutputStream().close();
        boolean finished = run.waitFor(10, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(finished).as("playwright finished within 10 minutes").isTrue();
        assertThat(run.exitValue()).as("playwright exit code; output:%n%s", output).isZero();

        try (var files = Files.list(screenshots)) {
            List<Path> pngs = files.filter(p -> p.toString().endsWith(".png")).toList();
            assertThat(pngs).as("screenshots in %s", screenshots).hasSizeGreaterThanOrEqualTo(10);
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
