package io.offswitch.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.genai.types.Candidate;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.Part;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A generateContent response as our assistant message. */
final class GoogleReply {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoogleReply() {}

    /**
     * @param turn how many assistant turns came before this one; Gemini 2.x gives function calls no
     *     id, so one is made from the turn and the part's position: the same request gets the same ids.
     */
    static Message.Assistant of(GenerateContentResponse response, int turn) throws ModelCallException {
        List<Candidate> candidates = response.candidates().orElse(List.of());
        if (candidates.isEmpty()) {
            String why = response.promptFeedback().flatMap(f -> f.blockReason()).map(Object::toString).orElse("no reason given");
            throw new ModelCallException(ModelCallException.Kind.REJECTED, "Gemini returned no candidate (prompt blocked: " + why + ")", null);
        }
        Content content = candidates.getFirst().content().orElse(Content.builder().role("model").parts(List.of()).build());
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        List<Part> parts = content.parts().orElse(List.of());
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            if (p.functionCall().isPresent()) {
                FunctionCall fc = p.functionCall().get();
                String id = fc.id().filter(s -> !s.isBlank()).orElse("call_" + turn + "_" + i);
                calls.add(new ToolCall(id, fc.name().orElse(""), arguments(fc.args().orElse(Map.of()))));
            } else if (p.text().isPresent()) {
                (p.thought().orElse(false) ? reasoning : text).append(p.text().get());
            }
        }
        // Sent back as received on the next turn: Gemini checks the thought signatures on these parts.
        String state = parts.isEmpty() ? "" : content.toJson();
        return new Message.Assistant(text.toString(), calls, reasoning.toString(), usage(response.usageMetadata()), state);
    }

    private static String arguments(Map<String, Object> args) throws ModelCallException {
        try {
            return JSON.writeValueAsString(args);
        } catch (JsonProcessingException e) {
            throw new ModelCallException(ModelCallException.Kind.MALFORMED_RESPONSE, "function call arguments cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Thought tokens are billed as output, and Gemini counts them apart from candidatesTokenCount. */
    static Usage usage(java.util.Optional<GenerateContentResponseUsageMetadata> metadata) {
        if (metadata.isEmpty()) {
            return Usage.NONE;
        }
        var u = metadata.get();
        long thoughts = u.thoughtsTokenCount().orElse(0);
        return new Usage(u.promptTokenCount().orElse(0), u.candidatesTokenCount().orElse(0) + thoughts, thoughts,
                u.cachedContentTokenCount().orElse(0));
    }
}
