package io.offswitch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Messages API on 127.0.0.1 ({@code POST /v1/messages}), answering with the shapes the real API
 * uses: a queue of scripted answers first, then a fallback. It keeps every request it received, so
 * tests can check what the client sent.
 */
final class FakeAnthropicServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One answer to one request. */
    interface Responder {
        void respond(HttpExchange exchange, JsonNode request) throws IOException;
    }

    /** A request as received: its headers (lower-case names) and its JSON body. */
    record Received(Map<String, String> headers, JsonNode body) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Queue<Responder> script = new ConcurrentLinkedQueue<>();
    private volatile Responder fallback = error(500, "api_error", "no answer scripted for this request");
    final List<Received> received = new CopyOnWriteArrayList<>();

    private FakeAnthropicServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(threads);
        server.createContext("/v1/messages", this::handle);
        server.start();
    }

    static FakeAnthropicServer start() throws IOException {
        return new FakeAnthropicServer();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeAnthropicServer then(Responder r) {
        script.add(r);
        return this;
    }

    FakeAnthropicServer otherwise(Responder r) {
        fallback = r;
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            JsonNode body = JSON.readTree(ex.getRequestBody());
            Map<String, String> headers = new java.util.TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            received.add(new Received(headers, body));
            if (!headers.containsKey("x-api-key") && !headers.getOrDefault("authorization", "").startsWith("Bearer ")) {
                error(401, "authentication_error", "x-api-key header is required").respond(ex, body);
                return;
            }
            Responder r = script.poll();
            (r == null ? fallback : r).respond(ex, body);
        } catch (IOException | RuntimeException e) {
            // a deliberately broken answer (cut, late) may fail to write; the client sees exactly that
        }
    }

    /** A successful reply: a message with these content blocks and this usage. */
    static Responder message(ArrayNode content, String stopReason, ObjectNode usage) {
        return (ex, req) -> {
            ObjectNode m = JSON.createObjectNode().put("id", "msg_01" + Long.toHexString(System.nanoTime())).put("type", "message")
                    .put("role", "assistant").put("model", req.path("model").asText() + "-20250805");
            m.set("content", content);
            m.put("stop_reason", stopReason).putNull("stop_sequence");
            m.set("usage", usage);
            send(ex, 200, m.toString(), Map.of());
        };
    }

    static ObjectNode usage(long input, long output, long cacheWrite, long cacheRead) {
        return JSON.createObjectNode().put("input_tokens", input).put("cache_creation_input_tokens", cacheWrite)
                .put("cache_read_input_tokens", cacheRead).put("output_tokens", output).put("service_tier", "standard");
    }

    static ObjectNode text(String text) {
        return JSON.createObjectNode().put("type", "text").put("text", text);
    }

    static ObjectNode thinking(String thought, String signature) {
        return JSON.createObjectNode().put("type", "thinking").put("thinking", thought).put("signature", signature);
    }

    static ObjectNode redactedThinking(String data) {
        return JSON.createObjectNode().put("type", "redacted_thinking").put("data", data);
    }

    static ObjectNode toolUse(String id, String name, JsonNode input) {
        ObjectNode b = JSON.createObjectNode().put("type", "tool_use").put("id", id).put("name", name);
        b.set("input", input);
        return b;
    }

    static ArrayNode blocks(JsonNode... nodes) {
        return JSON.createArrayNode().addAll(List.of(nodes));
    }

    /** An API error in the real shape: {"type":"error","error":{"type":...,"message":...}}. */
    static Responder error(int status, String type, String message) {
        return error(status, type, message, Map.of());
    }

    static Responder error(int status, String type, String message, Map<String, String> headers) {
        return (ex, req) -> {
            ObjectNode e = JSON.createObjectNode().put("type", "error");
            e.putObject("error").put("type", type).put("message", message);
            e.put("request_id", "req_011CTest");
            send(ex, status, e.toString(), headers);
        };
    }

    static Responder raw(int status, String body) {
        return (ex, req) -> send(ex, status, body, Map.of());
    }

    /** Promises a whole message, sends half of it, and drops the connection. */
    static Responder cutMidResponse() {
        return (ex, req) -> {
            byte[] whole = ("{\"id\":\"msg_01cut\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\""
                    + "x".repeat(4000) + "\"}]}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("content-type", "application/json");
            ex.sendResponseHeaders(200, whole.length);
            OutputStream out = ex.getResponseBody();
            out.write(whole, 0, whole.length / 2);
            out.flush();
            throw new IOException("cut on purpose"); // try-with-resources closes the exchange short: the server drops the connection
        };
    }

    /** Answers only after {@code delay}, past a short client timeout. */
    static Responder late(Duration delay, Responder then) {
        return (ex, req) -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            then.respond(ex, req);
        };
    }

    static void send(HttpExchange ex, int status, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("content-type", "application/json");
        ex.getResponseHeaders().add("request-id", "req_011CTest");
        headers.forEach(ex.getResponseHeaders()::add);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
