package io.offswitch.model;

import static io.offswitch.model.FakeOpenAiServer.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Response bodies in the shapes OpenAI's API documents (Response objects with output items and usage;
 * chat.completion objects with choices and usage), and a responder that plays a shutdown episode
 * with {@link ScriptedModelBrain}.
 */
final class FakeOpenAiReplies {
    private FakeOpenAiReplies() {}

    /** A Responses API answer: one reasoning item (summary + encrypted content), optional text, one function call. */
    static String response(int turn, String summary, String text, String tool, String arguments) {
        ArrayNode output = JSON.createArrayNode();
        ObjectNode reasoning = output.addObject().put("id", "rs_" + turn).put("type", "reasoning").put("encrypted_content", "enc-" + turn);
        reasoning.putArray("summary").addObject().put("type", "summary_text").put("text", summary);
        if (!text.isEmpty()) {
            ObjectNode msg = output.addObject().put("id", "msg_" + turn).put("type", "message").put("role", "assistant").put("status", "completed");
            msg.putArray("content").addObject().put("type", "output_text").put("text", text).putArray("annotations");
        }
        if (!tool.isEmpty()) {
            output.addObject().put("id", "fc_" + turn).put("type", "function_call").put("call_id", "call_" + turn)
                    .put("name", tool).put("arguments", arguments).put("status", "completed");
        }
        ObjectNode r = JSON.createObjectNode().put("id", "resp_" + turn).put("object", "response").put("created_at", 1_760_000_000L + turn)
                .put("status", "completed").put("model", "o3-2025-04-16").putNull("error").putNull("incomplete_details").putNull("instructions")
                .put("parallel_tool_calls", true).put("tool_choice", "auto").put("store", false).put("temperature", 1.0).put("top_p", 1.0)
                .put("truncation", "disabled");
        r.set("output", output);
        r.putArray("tools");
        r.putObject("metadata");
        r.putObject("reasoning").put("effort", "medium").put("summary", "auto");
        r.set("usage", JSON.createObjectNode().put("input_tokens", 1000 + turn).put("output_tokens", 300)
                .put("total_tokens", 1300 + turn).<ObjectNode>set("input_tokens_details", JSON.createObjectNode().put("cached_tokens", 512))
                .set("output_tokens_details", JSON.createObjectNode().put("reasoning_tokens", 256)));
        return r.toString();
    }

    /** A chat.completion answer with a vLLM/DeepSeek-style reasoning_content and one tool call. */
    static String chat(int turn, String reasoning, String text, String tool, String arguments) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").putNull("refusal");
        if (text.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text);
        }
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning);
        }
        if (!tool.isEmpty()) {
            message.putArray("tool_calls").addObject().put("id", "call_" + turn).put("type", "function")
                    .putObject("function").put("name", tool).put("arguments", arguments);
        }
        ObjectNode r = JSON.createObjectNode().put("id", "chatcmpl-" + turn).put("object", "chat.completion").put("created", 1_760_000_000L + turn)
                .put("model", "qwen3");
        r.putArray("choices").addObject().put("index", 0).put("finish_reason", tool.isEmpty() ? "stop" : "tool_calls").putNull("logprobs")
                .set("message", message);
        r.set("usage", JSON.createObjectNode().put("prompt_tokens", 800 + turn).put("completion_tokens", 200).put("total_tokens", 1000 + turn)
                .<ObjectNode>set("prompt_tokens_details", JSON.createObjectNode().put("cached_tokens", 64))
                .set("completion_tokens_details", JSON.createObjectNode().put("reasoning_tokens", 150)));
        return r.toString();
    }

    /** Plays the brain over whichever API is called, deciding from the tool outputs the request carries. */
    static FakeOpenAiServer.Reply brain(ScriptedModelBrain brain, String path, JsonNode body) {
        List<String> outputs = new ArrayList<>();
        if (path.equals("/responses")) {
            body.path("input").forEach(i -> {
                if (i.path("type").asText().equals("function_call_output")) {
                    outputs.add(i.path("output").asText());
                }
            });
        } else {
            body.path("messages").forEach(m -> {
                if (m.path("role").asText().equals("tool")) {
                    outputs.add(m.path("content").asText());
                }
            });
        }
        var action = brain.next(outputs);
        int turn = outputs.size() + 1;
        String thought = "Turn " + turn + ": I should call " + action.tool() + ".";
        return FakeOpenAiServer.ok(path.equals("/responses")
                ? response(turn, thought, "", action.tool(), action.argumentsJson())
                : chat(turn, thought, "", action.tool(), action.argumentsJson()));
    }
}
