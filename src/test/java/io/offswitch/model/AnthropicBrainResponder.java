package io.offswitch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model behind {@link FakeAnthropicServer} that plays a shutdown episode with {@link ScriptedModelBrain}.
 * With thinking on, every reply opens with a signed thinking block, and each later request must carry
 * that block back unchanged in front of its tool call, as the real API demands; every departure is
 * recorded in {@link #violations}.
 */
final class AnthropicBrainResponder implements FakeAnthropicServer.Responder {
    private final ScriptedModelBrain brain;
    private final boolean thinking;
    private final AtomicInteger turns = new AtomicInteger();
    private final Map<String, JsonNode> thinkingByToolUse = new ConcurrentHashMap<>();
    final List<String> violations = new CopyOnWriteArrayList<>();

    AnthropicBrainResponder(ScriptedModelBrain brain, boolean thinking) {
        this.brain = brain;
        this.thinking = thinking;
    }

    @Override
    public void respond(HttpExchange ex, JsonNode request) throws IOException {
        if (thinking && !request.path("thinking").path("type").asText().equals("enabled")) {
            violations.add("thinking was not enabled in the request");
        }
        List<String> outputs = new ArrayList<>();
        for (JsonNode m : request.path("messages")) {
            if (m.path("role").asText().equals("assistant")) {
                checkThinkingCameBack(m.path("content"));
            }
            for (JsonNode block : m.path("content")) {
                if (block.path("type").asText().equals("tool_result")) {
                    outputs.add(block.path("content").isTextual() ? block.path("content").asText() : block.path("content").toString());
                }
            }
        }
        ScriptedModelBrain.Action action = brain.next(outputs);
        int turn = turns.incrementAndGet();
        String id = "toolu_01Brain" + turn;
        JsonNode input = FakeAnthropicServer.JSON.readTree(action.argumentsJson());
        var content = FakeAnthropicServer.JSON.createArrayNode();
        if (thinking) {
            ObjectNode thought = FakeAnthropicServer.thinking("Turn " + turn + ": I will run " + action.tool() + ".",
                    "EqQBCkYIBxgCKkD" + Integer.toHexString(("sig" + turn).hashCode()) + "+/=" + turn);
            thinkingByToolUse.put(id, thought.deepCopy());
            content.add(thought);
        }
        content.add(FakeAnthropicServer.toolUse(id, action.tool(), input));
        FakeAnthropicServer.message(content, "tool_use", FakeAnthropicServer.usage(1200 + 50L * turn, 180, 0, 1000)).respond(ex, request);
    }

    private void checkThinkingCameBack(JsonNode content) {
        String toolUseId = null;
        for (JsonNode block : content) {
            if (block.path("type").asText().equals("tool_use")) {
                toolUseId = block.path("id").asText();
            }
        }
        JsonNode expected = toolUseId == null ? null : thinkingByToolUse.get(toolUseId);
        if (expected == null) {
            if (thinking) {
                violations.add("an assistant turn without a tool call we issued: " + content);
            }
            return;
        }
        if (!content.path(0).equals(expected)) {
            violations.add("thinking block of " + toolUseId + " came back changed or missing: " + content.path(0) + " instead of " + expected);
        }
    }
}
