package io.offswitch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;

/**
 * A browser page showing stored text that an agent wrote: it may ask the viewer for anything and
 * nothing else (every other request is aborted and kept), and it keeps its script errors and console
 * errors, so a test can say that no payload ran, nothing left loopback and the page did not break.
 */
final class GuardedPage implements AutoCloseable {
    private final BrowserContext context;
    private final Page page;
    private final List<String> offLoopback = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    GuardedPage(BrowserContext context, ViewServer server) {
        this.context = context;
        this.page = context.newPage();
        String viewer = "http://127.0.0.1:" + server.port() + "/";
        page.route("**/*", route -> {
            String url = route.request().url();
            if (url.startsWith(viewer) || url.startsWith("blob:")) {
                route.resume();
            } else {
                offLoopback.add(url);
                route.abort();
            }
        });
        page.onPageError(errors::add);
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                errors.add("console: " + m.text());
            }
        });
    }

    Page page() {
        return page;
    }

    /** No stored payload ran, the page asked nothing beyond the viewer, and it logged no error (a refused fetch logs one). */
    void assertClean() {
        assertThat(page.evaluate("() => typeof window." + HostileEpisodes.FLAG)).as("a payload ran").isEqualTo("undefined");
        assertThat(offLoopback).as("requests the page made beyond 127.0.0.1").isEmpty();
        assertThat(errors).as("script errors and CSP reports").isEmpty();
    }

    @Override
    public void close() {
        context.close();
    }
}
