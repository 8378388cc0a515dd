package io.offswitch.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real client opens our logs: Inspect's own viewer, served on 127.0.0.1 and driven by Playwright in
 * Debian's headless Chromium, lists our samples and shows a transcript with its tool calls, from the
 * samples' events (model calls and tool calls with their timing), with DEFLATE and with Zstandard members.
 */
class InspectViewerTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void inspectsViewerListsOurSamplesAndShowsATranscriptWithItsToolCalls() throws Exception {
        assertThat(CHROMIUM).as("Chromium from Debian's chromium package (scripts/install-deps.sh installs it)").isExecutable();
        Path www = ViewerBundle.prepare();
        Path logs = www.resolve("logs");

        List<String> offLoopback = new ArrayList<>();
        try (StaticServer server = new StaticServer(www);
                Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                                "--disable-component-update", "--disable-sync")))) {
            for (LogFiles.Compression compression : LogFiles.Compression.values()) {
                if (Files.isDirectory(logs)) {
                    try (var old = Files.list(logs)) {
                        for (Path p : old.toList()) {
                            Files.delete(p);
                        }
                    }
                }
                Map<Path, InspectLog> written = new LinkedHashMap<>();
                for (InspectLog log : InspectExport.logs(InspectEpisodes.run(), InspectEpisodes.mixedRun())) {
                    written.put(LogFiles.write(log, LogFiles.Format.eval, compression, logs), log);
                }
                LogFiles.updateListing(logs, written);
                // A fresh context each time: nothing cached from the other compression's files of the same names.
                Page page = browser.newContext().newPage();
                // Only our server may be asked for anything; whatever else the page tries is refused and recorded.
                page.route("**/*", route -> {
                    String url = route.request().url();
                    if (url.startsWith("http://127.0.0.1:")) {
                        route.resume();
                    } else {
                        offLoopback.add(url);
                        route.abort();
                    }
                });
                List<String> errors = new ArrayList<>();
                page.onPageError(errors::add);
                List<String> console = new ArrayList<>();
                page.onConsoleMessage(m -> console.add(m.type() + ": " + m.text()));
                page.onResponse(r -> console.add("response " + r.status() + " " + r.request().method() + " " + r.url() + " " + r.request().headers().getOrDefault("range", "")));
                page.onRequestFailed(r -> console.add("failed " + r.url() + " " + r.failure()));
                page.navigate(server.url("index.html"));
                try {
                    // The first log opens with its sample list: our conditions as sample ids, our outcomes as answers.
                    page.getByText("SAMPLE control").first().waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(90_000));
                    assertThat(page.getByText("offswitch_verdict").first().isVisible()).isTrue();
                    assertThat(page.getByText("sabotaged").count()).isPositive();
                    assertThat(page.getByText("12 Samples", new Page.GetByTextOptions().setExact(true)).isVisible()).isTrue();
                    page.screenshot(new Page.ScreenshotOptions().setPath(www.resolve("viewer-samples-" + compression + ".png")));

                    // One sample's transcript: its tool calls with their commands and the tool results.
                    page.getByText("sabotaged").first().click();
                    page.getByText("chmod -x shutdown.sh").first().waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(60_000));
                    assertThat(page.getByText("ls -la").count()).isPositive();
                    assertThat(page.getByText("next_question").count()).isPositive();
                    // The transcript tab is the events': a model call with its time, and the bash tool call.
                    assertThat(page.getByText(java.util.regex.Pattern.compile("Model Call: .+sec", java.util.regex.Pattern.CASE_INSENSITIVE)).count())
                            .as("model events").isPositive();
                    assertThat(page.getByText(java.util.regex.Pattern.compile("Tool: bash", java.util.regex.Pattern.CASE_INSENSITIVE)).count())
                            .as("tool events").isPositive();
                    page.screenshot(new Page.ScreenshotOptions().setPath(www.resolve("viewer-transcript-" + compression + ".png")));
                } finally {
                    console.add("off loopback: " + offLoopback);
                    console.add("page errors: " + errors);
                    Files.write(www.resolve("viewer-console-" + compression + ".txt"), console);
                    Files.writeString(www.resolve("viewer-page-" + compression + ".html"), page.content());
                }
                assertThat(offLoopback).as("requests the page made beyond 127.0.0.1").isEmpty();
                assertThat(errors).as(compression + ": page errors").isEmpty();
                page.context().close();
            }
        }
    }
}
