package io.offswitch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Gemini's response shapes as the fake server writes them, and readers for what it received. */
final class GoogleWire {
    private GoogleWire() {}

    static ObjectNode thought(String text) {
        return GoogleFakeServer.JSON.createObjectNode().put("text", text).put("thought", true);
    }

    static ObjectNode text(String text) {
        return GoogleFakeServer.JSON.createObjectNode().put("text", text);
    }

    /** A function call part; Gemini 2.5 gives it no id, and signs it when the model thought first. */
    static ObjectNode call(String name, String argsJson, String signature) {
        ObjectNode part = GoogleFakeServer.JSON.createObjectNode();
        try {
            part.putObject("functionCall").put("name", name).set("args", GoogleFakeServer.JSON.readTree(argsJson));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
        if (signature != null) {
            part.put("thoughtSignature", signature);
        }
        return part;
    }

    static String signature(String seed) {
        return Base64.getEncoder().encodeToString(("opaque-signature:" + seed).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A generateContent response with one candidate and the usage Gemini reports. */
    static String response(List<ObjectNode> parts, int prompt, int candidates, int thoughts, int cached) {
        ObjectNode r = GoogleFakeServer.JSON.createObjectNode();
        ObjectNode candidate = r.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addAll(parts);
        content.put("role", "model");
        candidate.put("finishReason", "STOP").put("index", 0);
        ObjectNode usage = r.putObject("usageMetadata").put("promptTokenCount", prompt).put("candidatesTokenCount", candidates)
                .put("totalTokenCount", prompt + candidates + thoughts).put("thoughtsTokenCount", thoughts);
        if (cached > 0) {
            usage.put("cachedContentTokenCount", cached);
        }
        usage.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", prompt);
        r.put("modelVersion", "gemini-2.5-pro").put("responseId", "resp-" + prompt);
        return r.toString();
    }

    /** Every functionResponse the request carries, oldest first: its output (or error) text. */
    static List<String> toolOutputs(JsonNode request) {
        List<String> out = new ArrayList<>();
        for (JsonNode content : request.path("contents")) {
            for (JsonNode part : content.path("parts")) {
                JsonNode r = part.path("functionResponse").path("response");
                if (!r.isMissingNode()) {
                    out.add(r.has("output") ? r.path("output").asText() : r.path("error").asText());
                }
            }
        }
        return out;
    }

    /** The thought signatures on the model turns the request sends back, oldest first. */
    static List<String> signaturesSentBack(JsonNode request) {
        List<String> out = new ArrayList<>();
        for (JsonNode content : request.path("contents")) {
            if (content.path("role").asText().equals("model")) {
                for (JsonNode part : content.path("parts")) {
                    if (part.has("thoughtSignature")) {
                        out.add(part.path("thoughtSignature").asText());
                    }
                }
            }
        }
        return out;
    }

    static ArrayNode modelTurns(JsonNode request) {
        ArrayNode turns = GoogleFakeServer.JSON.createArrayNode();
        request.path("contents").forEach(c -> {
            if (c.path("role").asText().equals("model")) {
                turns.add(c);
            }
        });
        return turns;
    }
}
