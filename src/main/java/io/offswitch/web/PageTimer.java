package io.offswitch.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offswitch.store.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A headless Chromium driven through its DevTools protocol (a WebSocket on 127.0.0.1), for the viewer
 * benchmark: it opens a view of the page and reads back the page's own time for it (app.js sets
 * {@code data-render-ms} when a view is fetched, built and laid out). The browser is this object's
 * own process, ended by its handle.
 */
final class PageTimer implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Process process;
    private final WebSocket socket;
    private final BlockingQueue<JsonNode> replies;
    private int nextId = 1;

    private PageTimer(Process process, WebSocket socket, BlockingQueue<JsonNode> replies) {
        this.process = process;
        this.socket = socket;
        this.replies = replies;
    }

    static PageTimer start(Path chromium, Path profile) throws IOException, InterruptedException {
        Files.createDirectories(profile);
        Process process = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank"))
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).size() < 2) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("Chromium did not start its DevTools endpoint (see " + profile.resolve("chromium.log") + ")");
                }
                Thread.sleep(50);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).getFirst().strip());
            HttpClient http = HttpClient.newHttpClient();
            String pageSocket = null;
            while (pageSocket == null) {
                JsonNode targets = Json.read(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString()).body(), JsonNode.class, "Chromium's targets");
                for (JsonNode t : targets) {
                    if (t.path("type").asText().equals("page")) {
                        pageSocket = t.path("webSocketDebuggerUrl").asText();
                    }
                }
                if (pageSocket == null) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("Chromium shows no page to drive");
                    }
                    Thread.sleep(50);
                }
            }
            BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        replies.add(Json.read(partial.toString(), JsonNode.class, "Chromium"));
                        partial.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }
            }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return new PageTimer(process, socket, replies);
        } catch (IOException | InterruptedException | RuntimeException e) {
            destroy(process);
            throw e;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            destroy(process);
            throw new IOException("cannot reach Chromium's DevTools socket: " + e.getMessage(), e);
        }
    }

    /** Opens {@code base + "?sample=N" + hash} afresh {@code samples} times and returns the page's own times for it. */
    ViewerBench.Timing time(String base, String hash, int samples) throws IOException, InterruptedException {
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++) {
            call("Page.navigate", Json.mapper().createObjectNode().put("url", base + "?sample=" + i + hash));
            long deadline = System.nanoTime() + WAIT.toNanos();
            String value = "";
            while (value.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the page did not finish drawing " + hash + " within " + WAIT.toSeconds() + " s");
                }
                Thread.sleep(5);
                JsonNode r = call("Runtime.evaluate", Json.mapper().createObjectNode().put("returnByValue", true).put("expression",
                        "document.body && document.body.dataset.ready === location.hash ? document.body.dataset.renderMs : ''"));
                value = r.at("/result/result/value").asText("");
            }
            ms[i] = Double.parseDouble(value);
        }
        return ViewerBench.Timing.of(ms);
    }

    private JsonNode call(String method, ObjectNode params) throws IOException, InterruptedException {
        int id = nextId++;
        ObjectNode message = Json.mapper().createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(message.toString(), true).join();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode reply = replies.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (reply == null) {
                throw new IOException("Chromium did not answer " + method);
            }
            if (reply.path("id").asInt(-1) == id) {
                if (reply.has("error")) {
                    throw new IOException("Chromium refused " + method + ": " + reply.get("error"));
                }
                return reply;
            }
        }
    }

    @Override
    public void close() {
        socket.abort();
        destroy(process);
    }

    private static void destroy(Process process) {
        // Chromium's helpers are its children: end them by their handles, then the browser itself.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
