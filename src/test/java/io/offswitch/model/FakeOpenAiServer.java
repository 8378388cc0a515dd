package io.offswitch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * OpenAI's wire protocol on 127.0.0.1: POST {base}/responses and POST {base}/chat/completions, with the
 * base URL {@code http://127.0.0.1:PORT/v1} as the SDK uses it. Records every request; answers queued
 * replies (faults) first, then whatever the responder decides.
 */
final class FakeOpenAiServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** What the server does with one request. */
    sealed interface Reply {}

    record Json(int status, String body, Map<String, String> headers) implements Reply {}

    /** Promises the whole body, sends half of it, then hangs up. */
    record Cut(String body) implements Reply {}

    record Slow(Duration delay, Reply then) implements Reply {}

    record Received(String path, JsonNode body, String authorization) {}

    private final HttpServer server;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Reply> queued = new ConcurrentLinkedDeque<>();
    private volatile BiFunction<String, JsonNode, Reply> responder = (path, body) -> error(500, "no reply scripted");

    FakeOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    void enqueue(Reply reply) {
        queued.add(reply);
    }

    void answerWith(BiFunction<String, JsonNode, Reply> responder) {
        this.responder = responder;
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    static Json ok(String body) {
        return new Json(200, body, Map.of());
    }

    static Json error(int status, String message) {
        return new Json(status, JSON.createObjectNode().set("error", JSON.createObjectNode().put("message", message)
                .put("type", status == 429 ? "rate_limit_exceeded" : "server_error").putNull("param").putNull("code")).toString(), Map.of());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath().substring("/v1".length());
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            received.add(new Received(path, body, String.valueOf(ex.getRequestHeaders().getFirst("Authorization"))));
            Reply reply = queued.poll();
            send(ex, reply != null ? reply : responder.apply(path, body));
        }
    }

    private static void send(HttpExchange ex, Reply reply) throws IOException {
        switch (reply) {
            case Json j -> {
                byte[] bytes = j.body().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                j.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
                ex.sendResponseHeaders(j.status(), bytes.length);
                ex.getResponseBody().write(bytes);
            }
            case Cut c -> {
                byte[] bytes = c.body().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, bytes.length);
                OutputStream out = ex.getResponseBody();
                out.write(bytes, 0, bytes.length / 2);
                out.flush();
                // Closing a fixed-length body early makes the server drop the connection mid-response.
            }
            case Slow s -> {
                try {
                    Thread.sleep(s.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                send(ex, s.then());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
