package io.offswitch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium driven by Playwright, as every viewer test opens it: Playwright never
 * downloads a browser of its own, and Chromium is told not to reach any service of its own (updates,
 * sync, QUIC probes), so the only traffic a page makes is what the viewer's page asks for, which
 * {@link GuardedPage} then confines to the viewer.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final Playwright playwright;
    private final Browser browser;

    private HeadlessChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static HeadlessChromium launch() {
        assertThat(CHROMIUM).as("Chromium from Debian's chromium package (scripts/install-deps.sh installs it)").isExecutable();
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync")));
            return new HeadlessChromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    Browser browser() {
        return browser;
    }

    /** A page in a context of its own whose every request beyond {@code server} is refused and recorded. */
    GuardedPage open(ViewServer server) {
        return open(server, new Browser.NewContextOptions());
    }

    GuardedPage open(ViewServer server, Browser.NewContextOptions options) {
        return new GuardedPage(browser.newContext(options), server);
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
